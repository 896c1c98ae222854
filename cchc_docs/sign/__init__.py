"""Electronic issuance: signed PDFs as Decree 30 wants them (PL I, II.7.d, II.8; PL I Phần II).

Public API (pyHanko and cryptography load on first call, so `cchc --help` stays light):

    keys.load_p12(path, ask=None) -> signer          # password: CCHC_KEY_PASSWORD or ask()
    keys.pkcs11_signer(lib, token, key_label, ask)   # context manager; PIN: CCHC_KEY_PIN or ask()
    signing.sign_pdf(data, signer, role, image=..., number_label=..., agency_name=...,
                     issue=(number, date), tsa_url=...) -> Signed(data, role, page, box, when, lines)
    verify.verify_pdf(data, trust=[pem paths]) -> Report
    issue.issue_signed(workspace, docx, signer, seal, signed_pdf=None, date=...) -> SignedIssue

Roles: signer (chairman; his image between position and name, number/date fields added),
agency (seal over the left third of his image; fills number and date), attachment and copy
(text top right of page 1, TNR 10 pt).
"""
