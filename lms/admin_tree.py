"""
What the Wagtail admin needs to edit a treebeard tree (org units, question
categories) with treebeard's move-node form.
"""

from django import forms
from django.db import models
from wagtail.log_actions import log

# An em space per level: a flat list or <select> that still reads as a tree.
INDENT = "\u2003"


def indented(node):
    return INDENT * (node.depth - 1) + node.name


class TreeFormSaveMixin:
    """Wagtail saves the bare instance; treebeard's form must save it to place it in the tree."""

    log_action = None

    def save_instance(self):
        instance = self.form.save()
        log(instance=instance, action=self.log_action, user=self.request.user)
        return instance


class IndentedNodeChoiceField(forms.ModelChoiceField):
    """A node choice labelled by its indented name, not its `__str__` (which may query its ancestors)."""

    def label_from_instance(self, obj):
        return indented(obj)


class TreeNodeForeignKey(models.ForeignKey):
    """A foreign key to a tree node whose forms list the nodes as an indented tree."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", IndentedNodeChoiceField)
        return super().formfield(**kwargs)
