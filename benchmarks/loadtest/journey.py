"""
What a quiz taker's browser reads on an attempt page and sends back, as the
load benchmark does it: shared by the load generator (run.py) and its smoke
test, which walks the same journey through Django's test client so that a
change to the attempt page that would blind the benchmark fails a test.
"""

import re
import unicodedata

SHOWN = re.compile(r'name="shown" value="(\d+)"')
CHOICE = re.compile(r'<input type="(radio|checkbox)" name="answer-(\d+)" value="(\d+)"')
TEXT = re.compile(r'<input type="text" id="answer-(\d+)"')
ATTEMPT = re.compile(r"/my/attempts/(\d+)/")


def question_on(html):
    """
    The question an attempt page shows, as (response id, kind, option ids):
    kind is "radio", "checkbox" or "text" (no options). None when the page
    shows no question the benchmark can answer.
    """
    shown = SHOWN.search(html)
    if shown is None:
        return None
    response_id = int(shown.group(1))
    choices = [(kind, int(value)) for kind, rid, value in CHOICE.findall(html) if int(rid) == response_id]
    if choices:
        return response_id, choices[0][0], [value for _kind, value in choices]
    if any(int(rid) == response_id for rid in TEXT.findall(html)):
        return response_id, "text", []
    return None


def choose_answer(question, rng, text):
    """An answer as a learner gives it: one option, one or two boxes, or `text` typed in."""
    _response_id, kind, options = question
    if kind == "radio":
        return [rng.choice(options)]
    if kind == "checkbox":
        return sorted(rng.sample(options, rng.randint(1, 2)))
    return text


def answer_fields(question, answer):
    """The form fields of an autosave of `answer`, as the attempt page's script posts them."""
    response_id = question[0]
    return {"shown": response_id, f"answer-{response_id}": answer}


def same_answer(sent, stored):
    """Whether the database holds the answer that was sent (choices in any order, text as stored: NFC, trimmed)."""
    if isinstance(sent, list):
        return isinstance(stored, list) and sorted(sent) == sorted(stored)
    return isinstance(stored, str) and unicodedata.normalize("NFC", sent).strip() == stored
