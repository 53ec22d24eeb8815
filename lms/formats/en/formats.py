# The same as Vietnamese (see lms/formats/__init__.py): the English pages are read in Vietnam.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
