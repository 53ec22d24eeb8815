"""
HọcSố's date formats (settings.FORMAT_MODULE_PATH), the same in Vietnamese and
English: a date is printed dd/mm/yyyy on every page, certificate, transcript and
export a learner or an employer reads. Django's own would print 02-12-2026 in
Vietnamese and 12/02/2026 in English, which a reader takes for 12 February.
Every other format is Django's, for each language.
"""
