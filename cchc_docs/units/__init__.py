"""Administrative units: the catalogue by list date (2025-07 and legacy, with lineage),
the issuers of each level and their Decree 30 headers, new workspaces made from them
(`cchc init --province`), and `cchc validate`'s unit-list warnings.

    catalogue.py   provinces, communes, successors      issuers.py   who issues, per level
    headers.py     agency lines of the header           workspaces.py  cchc.toml + communes.csv
    samples.py     shipped samples (--sample)           checks.py    validate warnings
    agencies.py    a province's agencies (--agency)
"""
