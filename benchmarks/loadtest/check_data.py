"""
What the load benchmark's learners were told, checked against the database:

    python benchmarks/loadtest/check_data.py outcomes.json

(with the stack's environment). `outcomes.json` holds the last acknowledged
answer of every response the load saved, the attempts whose submit was
answered with a redirect to their review, and the attempts the exam's start
created. Prints, as JSON: answers lost, attempts graded more than once (from
the `loadtest_grading` log that build_data.py's trigger writes), submitted
attempts left ungraded, and whether each learner who started the exam holds
exactly the one attempt they were sent to.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def main():
    outcomes = json.loads(Path(sys.argv[1]).read_text())
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    from journey import same_answer

    django.setup()
    from django.db import connection

    from lms.quizzes.models import Attempt, Response

    saved = {int(key): value for key, value in outcomes["saved"].items()}
    stored = dict(Response.objects.filter(pk__in=saved).values_list("pk", "answer"))
    lost = [(pk, sent, stored.get(pk)) for pk, sent in saved.items() if not same_answer(sent, stored.get(pk))]

    with connection.cursor() as cursor:
        cursor.execute("SELECT attempt_id FROM loadtest_grading GROUP BY attempt_id HAVING count(*) > 1")
        graded_twice = [row[0] for row in cursor.fetchall()]

    submitted = outcomes["submitted"]
    ungraded = list(
        Attempt.objects.filter(pk__in=submitted, state=Attempt.State.IN_PROGRESS).values_list("pk", flat=True)
    )

    started = set(outcomes["exam_started"].values())
    sent_to = dict(Attempt.objects.filter(pk__in=started).values_list("pk", "user_id"))
    page_ids = set(Attempt.objects.filter(pk__in=started).values_list("page_id", flat=True))
    per_learner = Counter(
        Attempt.objects.filter(page_id__in=page_ids, user_id__in=sent_to.values()).values_list("user_id", flat=True)
    )
    exam_starts_ok = sum(1 for user_id in sent_to.values() if per_learner[user_id] == 1)

    examples = [f"lost: response {pk} acknowledged {sent!r}, database holds {held!r}" for pk, sent, held in lost[:5]]
    examples += [f"graded twice: attempt {pk}" for pk in graded_twice[:5]]
    examples += [f"ungraded after its submit: attempt {pk}" for pk in ungraded[:5]]
    print(json.dumps({
        "acknowledged": len(saved),
        "lost": len(lost),
        "submitted": len(submitted),
        "graded_twice": len(graded_twice),
        "ungraded": len(ungraded),
        "exam_starts": len(outcomes["exam_started"]),
        "exam_starts_ok": exam_starts_ok,
        "examples": examples,
    }))


if __name__ == "__main__":
    main()
