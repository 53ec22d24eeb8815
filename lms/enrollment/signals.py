from django.dispatch import Signal

# Sent once per enrollment, after the transaction that completed it commits.
# Receivers get `sender=Enrollment` and `enrollment=<Enrollment>`.
course_completed = Signal()
