"""
Demo content for `manage.py seed_demo`: a province's units, one account per
role, the site's pages and five courses of the digital-skills programme.
Each module finds what it made before by a stable key (slug, code, e-mail,
title) and only adds what is missing, so loading twice changes nothing.
"""
