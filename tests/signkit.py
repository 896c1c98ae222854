"""Throwaway PKI and images for the signing tests: a root CA, the chairman's and the
agency's certificates (cryptography), PKCS#12 files, blue/red transparent PNGs, and a
SoftHSM2 token in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "mat-khau-thu-1"
PIN = "246810"


@dataclass
class Pki:
    root: Path
    ca_pem: Path
    signer_p12: Path
    agency_p12: Path
    agency_key_pem: Path
    agency_cert_der: bytes
    agency_subject_der: bytes
    other_ca_pem: Path
    tsa: tuple = ()          # (cryptography cert, key) of a time-stamping authority under the CA


def _name(cn: str, org: str = "UBND HUYỆN HƯƠNG SƠN"):
    from cryptography.x509.oid import NameOID
    from cryptography import x509

    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject, issuer, pub, issuer_key, ca: bool):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    now = dt.datetime.now(dt.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(pub)
         .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
         .not_valid_after(now + dt.timedelta(days=365))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
    return b.sign(issuer_key, hashes.SHA256())


def make_pki(folder: Path) -> Pki:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA THỬ NGHIỆM CCHC", "Thử nghiệm")
    ca = _cert(ca_name, ca_name, ca_key.public_key(), ca_key, True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    other_key = ec.generate_private_key(ec.SECP256R1())
    other = _cert(_name("CA KHÁC"), _name("CA KHÁC"), other_key.public_key(), other_key, True)
    (folder / "other-ca.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM))
    out = {}
    for who, cn in (("signer", "Trần Bình Thân"), ("agency", "UBND HUYỆN HƯƠNG SƠN")):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _cert(_name(cn), ca_name, key.public_key(), ca_key, False)
        p12 = pkcs12.serialize_key_and_certificates(
            cn.encode(), key, cert, [ca], serialization.BestAvailableEncryption(PASSWORD.encode()))
        (folder / f"{who}.p12").write_bytes(p12)
        out[who] = (key, cert)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID

    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)   # DummyTimeStamper signs RSA only
    now = dt.datetime.now(dt.timezone.utc)
    tsa_cert = (x509.CertificateBuilder().subject_name(_name("TSA THỬ NGHIỆM")).issuer_name(ca_name)
                .public_key(tsa_key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
                .sign(ca_key, hashes.SHA256()))
    key, cert = out["agency"]
    (folder / "agency-key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return Pki(folder, folder / "ca.pem", folder / "signer.p12", folder / "agency.p12", folder / "agency-key.pem",
               cert.public_bytes(serialization.Encoding.DER), cert.subject.public_bytes(), folder / "other-ca.pem", (tsa_cert, tsa_key))


def make_images(folder: Path) -> tuple[Path, Path]:
    """A blue scribble 300x120 and a red ring seal 400x400, both on transparent backgrounds."""
    from PIL import Image, ImageDraw

    sig = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    d = ImageDraw.Draw(sig)
    d.line([(10, 90), (60, 20), (100, 100), (150, 30), (200, 95), (290, 40)], fill=(0, 40, 200, 255), width=8)
    seal = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    d = ImageDraw.Draw(seal)
    d.ellipse((10, 10, 390, 390), outline=(220, 0, 0, 255), width=18)
    d.ellipse((120, 120, 280, 280), fill=(220, 0, 0, 255))
    sig_path, seal_path = folder / "chu-ky.png", folder / "con-dau.png"
    sig.save(sig_path)
    seal.save(seal_path)
    return sig_path, seal_path


SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"


def make_token(folder: Path, pki: Pki, label: str = "cchc-test") -> dict:
    """A SoftHSM2 token holding the agency key (softhsm2-util) and its certificate (python-pkcs11).
    Returns the environment that points SoftHSM2 at it."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
                    "--so-pin", "13579246"], check=True, env=env, capture_output=True)
    subprocess.run(["softhsm2-util", "--import", str(pki.agency_key_pem), "--token", label, "--label", "agency",
                    "--id", "01", "--pin", PIN], check=True, env=env, capture_output=True)
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    try:
        import pkcs11
        from pkcs11 import Attribute, CertificateType, ObjectClass

        lib = pkcs11.lib(SOFTHSM_LIB)
        token = lib.get_token(token_label=label)
        with token.open(rw=True, user_pin=PIN) as session:
            session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                   Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                                   Attribute.VALUE: pki.agency_cert_der, Attribute.LABEL: "agency",
                                   Attribute.SUBJECT: pki.agency_subject_der,
                                   Attribute.ID: b"\x01", Attribute.TOKEN: True})
    finally:
        if old is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old
    return {"SOFTHSM2_CONF": str(conf)}


class local_tsa:
    """An RFC 3161 time-stamp server on 127.0.0.1 (pyHanko's DummyTimeStamper behind
    http.server), so PAdES B-T is tested over real HTTP without the internet."""

    def __init__(self, pki: Pki):
        from asn1crypto import keys, x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        cert, key = pki.tsa
        self.stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))

    def __enter__(self) -> str:
        import http.server
        import threading

        from asn1crypto import tsp

        stamper = self.stamper

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                resp = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(resp)))
                self.end_headers()
                self.wfile.write(resp)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/tsa"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
