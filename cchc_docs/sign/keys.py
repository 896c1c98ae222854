"""Signing keys: a PKCS#12 file, or a PKCS#11 token (the Ban Cơ yếu's USB tokens).

The password or PIN is never a parameter the command line can carry: it comes from
CCHC_KEY_PASSWORD / CCHC_KEY_PIN or from the `ask` callback (a hidden prompt in the CLI),
and it is never put into a message.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterator

from ..errors import CchcError, InputError, Problem

PASSWORD_ENV = "CCHC_KEY_PASSWORD"
PIN_ENV = "CCHC_KEY_PIN"
MAX_P12_BYTES = 1 << 20

Ask = Callable[[str], str]


def secret(env: str, question: str, ask: Ask | None) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if ask is None:
        raise InputError(Problem(f"chưa có mật khẩu/PIN của khóa ký", hint=f"đặt biến môi trường {env} "
                                 "hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập"))
    return ask(question)


def load_p12(path, ask: Ask | None = None):
    """A pyHanko signer from a .p12/.pfx file (password from CCHC_KEY_PASSWORD or `ask`)."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    p = Path(path)
    if not p.is_file():
        raise InputError(Problem("không tìm thấy tệp khóa ký", file=str(p)))
    data = p.read_bytes()
    if len(data) > MAX_P12_BYTES:
        raise InputError(Problem("tệp khóa ký quá lớn, không phải tệp .p12", file=str(p)))
    password = secret(PASSWORD_ENV, "Mật khẩu tệp khóa ký", ask)
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        # cryptography says "Invalid password or PKCS12 data" for both.
        raise InputError(Problem("sai mật khẩu hoặc tệp không phải khóa ký PKCS#12 (.p12/.pfx)", file=str(p),
                                 hint=f"kiểm tra mật khẩu (biến {PASSWORD_ENV}) và tệp khóa")) from None
    if key is None or cert is None:
        raise InputError(Problem("tệp .p12 không có khóa riêng và chứng thư số", file=str(p)))
    return _simple_signer(key, cert, extra or [])


def _signer_class():
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign import signers
    from pyhanko.sign.general import get_pyca_cryptography_hash

    class LoadedKeySigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner parses the private key again for every signature (~70 ms
        for RSA-2048 with cryptography's key checks); this one keeps the parsed key."""

        pyca_key = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15":
                return self.pyca_key.sign(data, PKCS1v15(), hash_algo)
            if mechanism == "ecdsa":
                return self.pyca_key.sign(data, ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return LoadedKeySigner


def _simple_signer(key, cert, extra):
    from asn1crypto import keys as asn1_keys, x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der_key = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    signer = _signer_class()(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra]))
    signer.pyca_key = key
    return signer


@contextlib.contextmanager
def pkcs11_signer(library, token: str, key_label: str | None = None, ask: Ask | None = None) -> Iterator:
    """A pyHanko signer on a PKCS#11 token, open for the `with` block (PIN from CCHC_KEY_PIN or `ask`)."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as p11

    lib = Path(library)
    if not lib.is_file():
        raise InputError(Problem("không tìm thấy thư viện PKCS#11 của USB token", file=str(lib),
                                 hint="ví dụ /usr/lib/softhsm/libsofthsm2.so hoặc thư viện do nhà cung cấp token cài"))
    pin = secret(PIN_ENV, f"Mã PIN của token {token}", ask)
    try:
        session = p11.open_pkcs11_session(str(lib), token_criteria=TokenCriteria(label=token), user_pin=pin)
    except Exception as exc:    # python-pkcs11 raises many unrelated classes; the PIN must not leak
        raise CchcError(Problem(f"không mở được token '{token}': {type(exc).__name__}",
                                hint="kiểm tra token đã cắm, tên token (--token) và mã PIN")) from None
    try:
        try:
            signer = p11.PKCS11Signer(session, key_label=key_label, cert_label=key_label) if key_label \
                else _only_key(p11, session)
            _ = signer.signing_cert     # pyHanko fetches it lazily: a wrong label must fail here
        except Exception as exc:
            raise CchcError(Problem(f"không tìm thấy khóa ký trên token '{token}': {type(exc).__name__}",
                                    hint="chỉ rõ nhãn khóa bằng --key-label")) from None
        yield signer
    finally:
        session.close()


def _only_key(p11, session):
    """Without --key-label: the token's one private key, by its CKA_ID."""
    from pkcs11 import Attribute, ObjectClass

    ids = {k[Attribute.ID] for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
    if len(ids) != 1:
        raise ValueError(f"{len(ids)} keys")
    return p11.PKCS11Signer(session, key_id=ids.pop())
