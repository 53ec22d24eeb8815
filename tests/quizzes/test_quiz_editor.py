"""The quiz page in the Wagtail editor."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def editor_queries(client, quiz):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{quiz.pk}/edit/")
    return response, len(queries)


def test_random_slots_offer_the_categories_as_a_tree_at_a_fixed_cost(admin_client, make_quiz, capital_question, category):
    quiz = make_quiz([capital_question])
    first_branch = category.add_child(name="Nhánh 0")
    for number in range(1, 3):
        category.add_child(name=f"Nhánh {number}")
    editor_queries(admin_client, quiz)  # the first request warms Wagtail's caches
    _response, few = editor_queries(admin_client, quiz)
    for number in range(3, 30):
        category.add_child(name=f"Nhánh {number}")

    response, many = editor_queries(admin_client, quiz)

    assert f'<option value="{first_branch.pk}">\u2003Nhánh 0</option>' in response.content.decode()
    assert many == few
