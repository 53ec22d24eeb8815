from django.dispatch import Signal

# Sent after the transaction that created a current certificate (issued or
# re-issued) commits. Receivers get `sender=Certificate` and `certificate=<Certificate>`.
certificate_issued = Signal()
