from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("courses/<int:course_id>/enroll/", views.enroll, name="enroll"),
    path("courses/<int:course_id>/leave/", views.leave, name="leave"),
    path("activities/<int:page_id>/done/", views.mark_done, name="mark_done"),
]
