from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify_form, name="certificate_verify_form"),
    path("verify/bulk/", views.verify_bulk, name="certificate_verify_bulk"),
    path("verify/<str:code>.json", views.verify_json, name="certificate_verify_json"),
    path("verify/<str:code>/", views.verify, name="certificate_verify"),
    path("<str:code>.pdf", views.download, name="certificate_pdf"),
]
