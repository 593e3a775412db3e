"""The commerce domain: availability values, the INVCNF cache rules, the catalog snapshot and the errors.

Pure Python: imports only the standard library and `bods.messages`, so the SimPy fast mode and the tests run
the same rules the server does.
"""
