"""The wire contract: OAGIS 9 BOD schemas, samples, the typed codec and the validator.

Typical use::

    from bods import parse, render
    doc = parse(xml_bytes)            # -> bods.messages.Document (hardened parse + XSD + decode)
    xml = render(doc.bod, soap=True)  # -> bytes
"""
