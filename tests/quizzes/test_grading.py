"""Grading rules, type by type, checked against Moodle's semantics (and the edge cases of Moodle's GIFT fixture)."""

import unicodedata
from decimal import Decimal

import pytest
from django.utils import translation

from lms.quizzes import grading
from lms.quizzes.grading import Grade, grade, normalise_response, right_answer_summary
from lms.quizzes.models import Answer, MatchPair, Question, QuestionCategory

T = Question.Type


@pytest.fixture
def bank(db):
    return QuestionCategory.add_root(name="Kiểm tra")


@pytest.fixture
def build(bank):
    """
    A question with its answers, fetched again with answers and pairs
    prefetched, as the attempt services load it. `answers` holds
    (text, fraction[, feedback[, tolerance]]); `matches` (prompt, answer).
    """

    def make(qtype, answers=(), matches=(), **fields):
        question = Question.objects.create(
            category=bank, qtype=qtype, name=fields.pop("name", f"Câu {qtype}"), text="<p>Câu hỏi?</p>", **fields
        )
        for order, (text, fraction, *rest) in enumerate(answers):
            feedback = rest[0] if rest else ""
            tolerance = Decimal(str(rest[1])) if len(rest) > 1 else Decimal(0)
            Answer.objects.create(
                question=question, sort_order=order, text=text, fraction=Decimal(str(fraction)),
                feedback=feedback, tolerance=tolerance,
            )
        for order, (prompt, answer) in enumerate(matches):
            MatchPair.objects.create(question=question, sort_order=order, prompt=prompt, answer=answer)
        return Question.objects.prefetch_related("answers", "matches").get(pk=question.pk)

    return make


def ids(question, *texts):
    by_text = {answer.text: answer.pk for answer in question.answers.all()}
    return [by_text[text] for text in texts]


def pair_id(question, prompt):
    return str(next(pair.pk for pair in question.matches.all() if pair.prompt == prompt))


def nfd(text):
    return unicodedata.normalize("NFD", text)


# Single choice and true/false ------------------------------------------------------------------


@pytest.fixture
def capital(build):
    return build(
        T.SINGLE_CHOICE,
        answers=[("Hà Nội", 1, "Đúng rồi!"), ("Huế", "0.5", "Cố đô, chưa phải thủ đô."), ("Đà Nẵng", 0, "Chưa đúng.")],
    )


def test_single_choice_earns_the_chosen_answers_share_and_feedback(capital):
    assert grade(capital, ids(capital, "Hà Nội")) == Grade(Decimal(1), "Đúng rồi!", "right")
    assert grade(capital, ids(capital, "Huế")) == Grade(Decimal("0.5"), "Cố đô, chưa phải thủ đô.", "partial")
    assert grade(capital, ids(capital, "Đà Nẵng")) == Grade(Decimal(0), "Chưa đúng.", "wrong")


def test_a_negative_single_choice_gives_nothing_below_zero(build):
    question = build(T.SINGLE_CHOICE, answers=[("Đúng", 1), ("Sai nặng", -1, "Trừ điểm")])

    result = grade(question, ids(question, "Sai nặng"))

    assert result == Grade(Decimal(0), "Trừ điểm", "wrong")


def test_a_deleted_answer_grades_as_wrong(capital):
    assert grade(capital, [987654]) == Grade(Decimal(0), "", "wrong")


def test_gift_q1_true_false_with_false_right(build):
    # ::Q1:: 42 is the Absolute Answer to everything.{FALSE#42 is the Ultimate Answer.#You gave the right answer.}
    question = build(
        T.TRUE_FALSE, answers=[("true", 0, "42 is the Ultimate Answer."), ("false", 1, "You gave the right answer.")]
    )

    assert grade(question, ids(question, "false")) == Grade(Decimal(1), "You gave the right answer.", "right")
    assert grade(question, ids(question, "true")) == Grade(Decimal(0), "42 is the Ultimate Answer.", "wrong")
    with translation.override("en"):
        assert right_answer_summary(question) == "False"
    with translation.override("vi"):
        assert right_answer_summary(question) == translation.gettext("False")


# Multiple choice -------------------------------------------------------------------------------


@pytest.fixture
def colours(build):
    """GIFT fixture ::colours:: What's between orange and green in the spectrum?"""
    return build(
        T.MULTIPLE_CHOICE,
        answers=[
            ("yellow", "0.5", "right; good!"),
            ("red", -1, "wrong"),
            ("off-beige", "0.5", "right; good!"),
            ("blue", -1, "wrong"),
        ],
    )


def test_gift_colours_both_right_answers_earn_the_full_mark(colours):
    result = grade(colours, ids(colours, "yellow", "off-beige"))

    assert result.fraction == 1
    assert result.state == "right"
    assert result.feedback == "<p>right; good!</p><p>right; good!</p>"


def test_gift_colours_a_wrong_answer_cancels_a_right_one_and_stops_at_zero(colours):
    assert grade(colours, ids(colours, "yellow", "red")).fraction == 0
    assert grade(colours, ids(colours, "yellow", "red")).state == "wrong"
    assert grade(colours, ids(colours, "red", "blue")) == Grade(Decimal(0), "<p>wrong</p><p>wrong</p>", "wrong")
    everything = grade(colours, ids(colours, "yellow", "red", "off-beige", "blue"))
    assert (everything.fraction, everything.state) == (Decimal(0), "wrong")


def test_gift_colours_one_right_answer_is_half(colours):
    assert grade(colours, ids(colours, "off-beige")) == Grade(Decimal("0.5"), "right; good!", "partial")


def test_a_minus_100_answer_cancels_a_plus_50_one(build):
    question = build(T.MULTIPLE_CHOICE, answers=[("A", "0.5"), ("B", "0.5"), ("C", -1)])

    assert grade(question, ids(question, "A", "C")).fraction == 0
    assert grade(question, ids(question, "A", "B", "C")).fraction == 0
    assert grade(question, ids(question, "A", "B")).fraction == 1


def test_a_small_penalty_leaves_partial_credit(build):
    question = build(T.MULTIPLE_CHOICE, answers=[("A", "0.5"), ("B", "0.5"), ("C", "-0.25", "Sai")])

    assert grade(question, ids(question, "A", "B", "C")) == Grade(Decimal("0.75"), "Sai", "partial")


def test_three_thirds_are_a_full_mark(build):
    # GIFT %33.33333% three times: Moodle counts 0.9999999 as right.
    question = build(T.MULTIPLE_CHOICE, answers=[("A", "0.3333333"), ("B", "0.3333333"), ("C", "0.3333333"), ("D", -1)])

    assert grade(question, ids(question, "A", "B", "C")) == Grade(Decimal(1), "", "right")
    assert grade(question, ids(question, "A")).state == "partial"


def test_multiple_choice_with_no_box_ticked_is_unanswered(colours):
    assert grade(colours, []) == Grade(Decimal(0), "", "unanswered")


# Short answer ----------------------------------------------------------------------------------


@pytest.fixture
def animal(build):
    """GIFT fixture ::Shortanswer:: Which is the best animal?"""
    return build(
        T.SHORT_ANSWER,
        answers=[
            ("Frog", 1, "Good!"),
            ("Cat", "0.5", "What is it with Moodlers and cats?"),
            ("*", 0, "Completely wrong"),
        ],
    )


def test_gift_shortanswer(animal):
    assert grade(animal, "Frog") == Grade(Decimal(1), "Good!", "right")
    assert grade(animal, "  frog ") == Grade(Decimal(1), "Good!", "right")
    assert grade(animal, "Cat") == Grade(Decimal("0.5"), "What is it with Moodlers and cats?", "partial")
    assert grade(animal, "Dog") == Grade(Decimal(0), "Completely wrong", "wrong")
    assert right_answer_summary(animal) == "Frog"


def test_short_answer_with_no_match_is_zero_without_feedback(build):
    question = build(T.SHORT_ANSWER, answers=[("Hà Nội", 1, "Đúng")])

    assert grade(question, "Hải Phòng") == Grade(Decimal(0), "", "wrong")


def test_short_answer_ignores_case_by_default_in_vietnamese(build):
    question = build(T.SHORT_ANSWER, answers=[("Hà Nội", 1)])

    assert grade(question, "hà nội").state == "right"
    assert grade(question, "HÀ NỘI").state == "right"
    assert grade(question, "Ha Noi").state == "wrong"  # the tones are part of the word


def test_short_answer_can_be_case_sensitive(build):
    question = build(T.SHORT_ANSWER, answers=[("Hà Nội", 1)], case_sensitive=True)

    assert grade(question, "Hà Nội").state == "right"
    assert grade(question, "hà nội").state == "wrong"
    assert grade(question, "HÀ NỘI").state == "wrong"


def test_short_answer_compares_nfc_text(build):
    question = build(T.SHORT_ANSWER, answers=[("Hà Nội", 1)], case_sensitive=True)
    decomposed = nfd("Hà Nội")
    assert decomposed != "Hà Nội"

    assert grade(question, decomposed).state == "right"
    # The same the other way round: an answer typed in NFD into the bank.
    stored_nfd = build(T.SHORT_ANSWER, answers=[(nfd("Thành phố Hồ Chí Minh"), 1)], name="NFD")
    assert grade(stored_nfd, "thành phố hồ chí minh").state == "right"


def test_short_answer_trims_and_collapses_spaces(build):
    question = build(T.SHORT_ANSWER, answers=[("Dịch vụ  công", 1)])

    assert grade(question, "  dịch \t vụ\n công  ").state == "right"
    assert grade(question, "dịchvụ công").state == "wrong"


def test_a_lone_star_matches_anything(build):
    question = build(T.SHORT_ANSWER, answers=[("*", "0.1", "Cảm ơn bạn đã trả lời.")])

    assert grade(question, "bất cứ điều gì") == Grade(Decimal("0.1"), "Cảm ơn bạn đã trả lời.", "partial")


def test_a_star_inside_a_word_matches_any_run_of_characters(build):
    question = build(T.SHORT_ANSWER, answers=[("Fr*g", 1)])

    for typed in ("Frog", "frg", "Fr og g", "FROOOOG"):
        assert grade(question, typed).state == "right", typed
    for typed in ("Frogs", "A frog", "Fr"):
        assert grade(question, typed).state == "wrong", typed


def test_regex_characters_are_taken_literally(build):
    dotted = build(T.SHORT_ANSWER, answers=[("a.b", 1)], name="dot")
    grouped = build(T.SHORT_ANSWER, answers=[("(x)", 1)], name="group")
    others = build(T.SHORT_ANSWER, answers=[("1+1=[2]? ^$|\\d", 1)], name="others")

    assert grade(dotted, "a.b").state == "right"
    assert grade(dotted, "axb").state == "wrong"
    assert grade(grouped, "(x)").state == "right"
    assert grade(grouped, "x").state == "wrong"
    assert grade(others, "1+1=[2]? ^$|\\d").state == "right"
    assert grade(others, "11=2").state == "wrong"


def test_an_escaped_star_is_a_literal_star(build):
    question = build(T.SHORT_ANSWER, answers=[("5 \\* 3", 1)])

    assert grade(question, "5 * 3").state == "right"
    assert grade(question, "5 x 3").state == "wrong"
    assert right_answer_summary(question) == "5 * 3"


def test_the_first_matching_short_answer_wins(build):
    question = build(T.SHORT_ANSWER, answers=[("*mật khẩu*", "0.5", "Gần đúng"), ("mật khẩu mạnh", 1, "Đúng")])

    assert grade(question, "mật khẩu mạnh") == Grade(Decimal("0.5"), "Gần đúng", "partial")


# Numerical -------------------------------------------------------------------------------------


@pytest.fixture
def q5(build):
    """GIFT fixture ::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}"""
    return build(T.NUMERICAL, answers=[("3", 1, "", 2), ("*", 0, "Completely wrong")])


def test_gift_q5_the_tolerance_edges_are_inside(q5):
    for typed in ("1", "5", "3", "1.0", "4,999", "+2", "5.0000"):
        assert grade(q5, typed) == Grade(Decimal(1), "", "right"), typed


def test_gift_q5_just_outside_falls_to_the_catch_all(q5):
    for typed in ("5.0001", "0,9999", "-3", "100"):
        assert grade(q5, typed) == Grade(Decimal(0), "Completely wrong", "wrong"), typed
    assert right_answer_summary(q5) == "3 ± 2"


def test_numerical_reads_a_decimal_comma_a_point_signs_and_spaces(build):
    question = build(T.NUMERICAL, answers=[("-3.5", 1, "Đúng")])

    for typed in ("-3,5", "-3.5", " - 3,5 ", "-3,50", "−3,5"):
        assert grade(question, typed).state == "right", typed
    assert grade(question, "3,5").state == "wrong"


def test_numerical_with_no_tolerance_needs_the_exact_value(build):
    question = build(T.NUMERICAL, answers=[("0.1", 1)])

    assert grade(question, "0,1").state == "right"
    assert grade(question, "0.10000001").state == "wrong"


def test_numerical_first_matching_answer_wins(build):
    question = build(T.NUMERICAL, answers=[("10", "0.5", "Gần đúng", 5), ("10", 1, "Chính xác", 0), ("*", 0, "Sai")])

    assert grade(question, "10") == Grade(Decimal("0.5"), "Gần đúng", "partial")
    assert grade(question, "14") == Grade(Decimal("0.5"), "Gần đúng", "partial")
    assert grade(question, "16") == Grade(Decimal(0), "Sai", "wrong")
    assert right_answer_summary(question) == "10"


def test_numerical_with_no_matching_answer_is_zero(build):
    question = build(T.NUMERICAL, answers=[("42", 1, "Đúng")])

    assert grade(question, "41") == Grade(Decimal(0), "", "wrong")


def test_numerical_star_catches_every_number(build):
    question = build(T.NUMERICAL, answers=[("*", 1, "Số nào cũng được")])

    assert grade(question, "-12345,678") == Grade(Decimal(1), "Số nào cũng được", "right")


def test_numerical_tolerance_with_decimals(build):
    question = build(T.NUMERICAL, answers=[("2.5", 1, "", "0.05")])

    assert grade(question, "2,45").state == "right"
    assert grade(question, "2,55").state == "right"
    assert grade(question, "2,5500001").state == "wrong"
    assert grade(question, "2,4499999").state == "wrong"
    with translation.override("en"):
        assert right_answer_summary(question) == "2.5 ± 0.05"


# Matching --------------------------------------------------------------------------------------


@pytest.fixture
def activities(build):
    """GIFT fixture ::Moodle activities:: with its distractor `= -> Chat`."""
    return build(
        T.MATCHING,
        matches=[
            ("<p>An activity supporting asynchronous discussions.</p>", "Forum"),
            ("<p>A teacher asks a question and specifies a choice of multiple responses.</p>", "Choice"),
            ("<p>A bank of record entries which participants can add to.</p>", "Database"),
            ("<p>A collection of web pages that anyone can add to or edit.</p>", "Wiki"),
            ("", "Chat"),
        ],
    )


def matching_answer(question, *answers):
    prompts = [pair for pair in question.matches.all() if pair.prompt]
    return {str(pair.pk): answer for pair, answer in zip(prompts, answers) if answer}


def test_matching_every_pair_right(activities):
    answer = matching_answer(activities, "Forum", "Choice", "Database", "Wiki")

    assert grade(activities, answer) == Grade(Decimal(1), "", "right")


def test_matching_counts_right_pairs_over_prompts_not_options(activities):
    # Four prompts: the distractor "Chat" adds an option, not a fifth pair.
    assert grade(activities, matching_answer(activities, "Forum", "Chat", "Database", "Forum")) == Grade(
        Decimal("0.5"), "", "partial"
    )
    assert grade(activities, matching_answer(activities, "Forum", "Choice", "Database")).fraction == Decimal("0.75")
    assert grade(activities, matching_answer(activities, "Chat", "Chat", "Chat", "Chat")) == Grade(
        Decimal(0), "", "wrong"
    )


def test_matching_thirds(build):
    question = build(T.MATCHING, matches=[("A", "1"), ("B", "2"), ("C", "3")])

    result = grade(question, matching_answer(question, "1", "3", "2"))

    assert result.state == "partial"
    assert result.fraction == Decimal("0.3333333")
    assert grade(question, matching_answer(question, "1", "2", "3")).fraction == 1


def test_matching_two_prompts_may_share_an_answer(build):
    question = build(
        T.MATCHING, matches=[("Ngân hàng số", "Thanh toán"), ("Ví điện tử", "Thanh toán"), ("VNeID", "Định danh")]
    )

    assert grade(question, matching_answer(question, "Thanh toán", "Thanh toán", "Định danh")).state == "right"


def test_matching_summary_lists_the_prompts_with_their_answers(build):
    question = build(T.MATCHING, matches=[("<p>A &amp; B</p>", "1"), ("B", "2"), ("", "Nhiễu")])

    assert right_answer_summary(question) == "A & B → 1; B → 2"


# Essay -----------------------------------------------------------------------------------------


def test_an_answered_essay_waits_for_the_trainer(build):
    question = build(T.ESSAY)

    assert grade(question, "Vì kẻ gian có thể lấy tiền.") == Grade(None, "", "needs_grading")
    assert right_answer_summary(question) == ""


# Unanswered ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "qtype, answers, matches",
    [
        (T.SINGLE_CHOICE, [("A", 1)], []),
        (T.TRUE_FALSE, [("true", 1), ("false", 0)], []),
        (T.MULTIPLE_CHOICE, [("A", "0.5"), ("B", "0.5")], []),
        (T.SHORT_ANSWER, [("*", 1)], []),
        (T.NUMERICAL, [("*", 1)], []),
        (T.MATCHING, [], [("A", "1")]),
        (T.ESSAY, [], []),
    ],
)
@pytest.mark.parametrize("empty", [None, "", "   ", [], {}])
def test_unanswered_is_zero_for_every_type(build, qtype, answers, matches, empty):
    question = build(qtype, answers=answers, matches=matches)

    assert grade(question, empty) == Grade(Decimal(0), "", "unanswered")


def test_a_matching_answer_with_no_choice_made_is_unanswered(activities):
    forum = pair_id(activities, "<p>An activity supporting asynchronous discussions.</p>")

    assert grade(activities, {forum: ""}) == Grade(Decimal(0), "", "unanswered")


# Right-answer summaries ------------------------------------------------------------------------


def test_summaries_of_choice_questions(capital, colours, build):
    assert right_answer_summary(capital) == "Hà Nội"
    assert right_answer_summary(colours) == "yellow; off-beige"
    html = build(T.SINGLE_CHOICE, answers=[("<p>Mật khẩu <b>dài</b> &amp; khó đoán</p>", 1)], name="html")
    assert right_answer_summary(html) == "Mật khẩu dài & khó đoán"
    best_of = build(T.SINGLE_CHOICE, answers=[("Gần đúng", "0.5"), ("Đúng hơn", "0.8"), ("Sai", 0)], name="best")
    assert right_answer_summary(best_of) == "Đúng hơn"


def test_true_summary_in_both_languages(build):
    question = build(T.TRUE_FALSE, answers=[("true", 1), ("false", 0)])

    with translation.override("en"):
        assert right_answer_summary(question) == "True"
    with translation.override("vi"):
        assert right_answer_summary(question) == translation.gettext("True")


def test_short_answer_summary_skips_wildcards(build):
    question = build(T.SHORT_ANSWER, answers=[("*", 1), ("Cổng dịch vụ công*", 1)])

    assert right_answer_summary(question) == "Cổng dịch vụ công"


# Checking what the browser sent ----------------------------------------------------------------


def test_choices_are_taken_as_ids_strings_or_lists(capital, colours):
    yellow, off_beige = ids(colours, "yellow", "off-beige")

    assert normalise_response(capital, str(ids(capital, "Huế")[0])) == ids(capital, "Huế")
    assert normalise_response(capital, ids(capital, "Huế")[0]) == ids(capital, "Huế")
    assert normalise_response(capital, [str(ids(capital, "Huế")[0])]) == ids(capital, "Huế")
    assert normalise_response(colours, [str(off_beige), yellow]) == [yellow, off_beige]
    assert normalise_response(colours, str(yellow)) == [yellow]
    assert normalise_response(colours, []) is None
    assert normalise_response(colours, None) is None


def test_answers_of_another_question_are_refused(capital, colours):
    with translation.override("en"):
        stranger, mixed = ids(colours, "yellow")[0], [ids(capital, "Hà Nội")[0], ids(colours, "red")[0]]
        for raw in (stranger, mixed, "abc", "-1", "1.0", True):
            with pytest.raises(ValueError) as refused:
                normalise_response(capital, raw)
            assert str(refused.value) == "That answer does not belong to this question."
        with pytest.raises(ValueError, match="does not belong to this question"):
            normalise_response(colours, [str(ids(colours, "yellow")[0]), str(ids(capital, "Huế")[0])])


def test_a_single_choice_takes_one_answer(capital, build):
    with translation.override("en"), pytest.raises(ValueError, match="only one"):
        normalise_response(capital, ids(capital, "Hà Nội", "Huế"))
    true_false = build(T.TRUE_FALSE, answers=[("true", 1), ("false", 0)])
    with pytest.raises(ValueError):
        normalise_response(true_false, ids(true_false, "true", "false"))
    assert normalise_response(true_false, str(ids(true_false, "false")[0])) == ids(true_false, "false")


def test_texts_are_trimmed_nfc_and_limited(animal, build):
    essay = build(T.ESSAY)

    assert normalise_response(animal, nfd("  Hà Nội  ")) == "Hà Nội"
    assert normalise_response(animal, "   ") is None
    assert normalise_response(animal, "x" * 255) == "x" * 255
    with translation.override("en"), pytest.raises(ValueError, match="too long"):
        normalise_response(animal, "x" * 256)
    assert normalise_response(essay, "Dòng 1\r\nDòng 2\n") == "Dòng 1\nDòng 2"
    assert len(normalise_response(essay, "y\r\n" * 10000)) == 19999
    with translation.override("en"), pytest.raises(ValueError, match="too long"):
        normalise_response(essay, "y" * 20001)
    with pytest.raises(ValueError):
        normalise_response(animal, ["Frog"])


def test_numbers_are_checked_and_kept_as_typed(q5):
    assert normalise_response(q5, " 3,5 ") == "3,5"
    assert normalise_response(q5, "-2") == "-2"
    assert normalise_response(q5, "+ 0.25") == "+ 0.25"
    assert normalise_response(q5, "1 000 000") == "1 000 000"
    assert normalise_response(q5, 7) == "7"
    assert grade(q5, normalise_response(q5, "1 000 000")).feedback == "Completely wrong"
    not_numbers = ("ba", "3,5,1", "1.000.000", "3.5,2", "1e3", "3 m", "--3", "-", ",", "0x10", "Infinity", "NaN")
    for typed in not_numbers + ("12 34", "٣"):
        with translation.override("en"), pytest.raises(ValueError, match="Enter a number"):
            normalise_response(q5, typed)
    with translation.override("en"), pytest.raises(ValueError, match="too long"):
        normalise_response(q5, "1" * 51)


def test_matching_answers_are_checked(activities):
    forum = pair_id(activities, "<p>An activity supporting asynchronous discussions.</p>")
    wiki = pair_id(activities, "<p>A collection of web pages that anyone can add to or edit.</p>")
    distractor = pair_id(activities, "")

    assert normalise_response(activities, {wiki: "Wiki", forum: "Chat"}) == {forum: "Chat", wiki: "Wiki"}
    assert normalise_response(activities, {int(forum): " Forum "}) == {forum: "Forum"}
    assert normalise_response(activities, {forum: ""}) is None
    with translation.override("en"):
        for raw in ({distractor: "Chat"}, {"99999999": "Forum"}, {forum: "Blog"}, {forum: ["Forum"]}):
            with pytest.raises(ValueError, match="does not belong"):
                normalise_response(activities, raw)
        with pytest.raises(ValueError):
            normalise_response(activities, "Forum")


def test_a_normalised_answer_grades_as_typed(capital, animal, q5, activities):
    forum = pair_id(activities, "<p>An activity supporting asynchronous discussions.</p>")

    assert grade(capital, normalise_response(capital, str(ids(capital, "Hà Nội")[0]))).state == "right"
    assert grade(animal, normalise_response(animal, nfd(" FROG "))).state == "right"
    assert grade(q5, normalise_response(q5, "4,5")).state == "right"
    assert grade(activities, normalise_response(activities, {forum: "Forum"})).fraction == Decimal("0.25")


# No queries ------------------------------------------------------------------------------------


def test_grading_prefetched_questions_makes_no_queries(
    django_assert_num_queries, capital, colours, animal, q5, activities, build
):
    essay = build(T.ESSAY)
    true_false = build(T.TRUE_FALSE, answers=[("true", 1), ("false", 0)])
    forum = pair_id(activities, "<p>An activity supporting asynchronous discussions.</p>")
    yellow = str(ids(colours, "yellow")[0])

    with django_assert_num_queries(0):
        cases = [
            (capital, str(ids(capital, "Hà Nội")[0])),
            (true_false, str(ids(true_false, "true")[0])),
            (colours, [yellow]),
            (animal, "Cat"),
            (q5, "3,5"),
            (activities, {forum: "Forum"}),
            (essay, "Bài viết"),
        ]
        results = []
        for question, raw in cases:
            results.append(grade(question, normalise_response(question, raw)))
            right_answer_summary(question)

    states = [result.state for result in results]
    assert states == ["right", "right", "partial", "partial", "right", "partial", "needs_grading"]


def test_an_unknown_type_is_a_programming_error(capital):
    capital.qtype = "calculated"

    with pytest.raises(ValueError):
        grade(capital, [1])
    with pytest.raises(ValueError):
        normalise_response(capital, "1")


def test_grade_is_frozen():
    with pytest.raises(AttributeError):
        grading.UNANSWERED_GRADE.fraction = Decimal(1)
