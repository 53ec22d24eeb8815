"""The courses' place in Wagtail's admin."""

from lms import slugs

slugs.use_in_the_admin()
