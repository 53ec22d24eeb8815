"""Certificate codes: typeable, grouped, and a typing mistake is caught by the check character."""

import pytest

from certificates import codes


def test_new_codes_are_twelve_characters_without_look_alikes_and_check_themselves():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 12
        assert not set(code) & set("01ILO")
        assert codes.normalise(code) == code


def test_codes_are_accepted_in_any_case_with_or_without_dashes_and_spaces():
    code = codes.new_code()
    shown = codes.grouped(code)

    assert shown.count("-") == 2 and len(shown) == 14
    assert codes.normalise(shown.lower()) == code
    assert codes.normalise(f" {code[:4]} {code[4:8]} {code[8:]} ") == code


def test_every_single_typing_mistake_is_caught():
    code = codes.new_code()
    for position in range(12):
        for char in codes.ALPHABET:
            if char == code[position]:
                continue
            typo = code[:position] + char + code[position + 1:]
            with pytest.raises(codes.InvalidCode) as problem:
                codes.normalise(typo)
            assert problem.value.reason == "check"


@pytest.mark.parametrize("typed", ["", "K7QF-9M2X", "K7QF-9M2X-DT4P-XXXX", "K7QF-9M2X-DT4O", "<script>"])
def test_malformed_codes_are_refused_as_such(typed):
    with pytest.raises(codes.InvalidCode) as problem:
        codes.normalise(typed)
    assert problem.value.reason == "format"
