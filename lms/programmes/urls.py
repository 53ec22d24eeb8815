from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.my_notifications, name="my_notifications"),
    path("notifications/read/", views.mark_notifications_read, name="mark_notifications_read"),
]
