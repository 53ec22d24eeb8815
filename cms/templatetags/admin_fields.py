"""One way to draw a form field in HọcSố's admin screens."""

from django import template
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/formatted_field.html")
def admin_field(field):
    """
    Wagtail's `formattedfield`, its error messages under the id that Django 5.2
    names in a refused field's `aria-describedby` ("<id>_error"): Wagtail's
    leaves them without an id, so a screen reader reads the field without its error.
    """
    return formattedfield(field, error_message_id=f"{field.auto_id}_error" if field.auto_id else None)
