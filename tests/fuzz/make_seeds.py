#!/usr/bin/env python3
"""Writes the seed inputs of the der_reader and signed_data fuzz targets.

The seeds are small structures built here from scratch (never copies of
the NUC sample files, which stay outside the repository). Run it from the
repository root: python3 tests/fuzz/make_seeds.py
"""
import os


def tlv(tag, value):
    n = len(value)
    if n < 0x80:
        header = bytes([tag, n])
    else:
        octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
        header = bytes([tag, 0x80 | len(octets)]) + octets
    return header + value


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    for i, arc in enumerate([arcs[0] * 40 + arcs[1]] + arcs[2:]):
        groups = [arc & 0x7F]
        arc >>= 7
        while arc:
            groups.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(groups))
    return tlv(0x06, bytes(out))


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(items))


def integer(v):
    return tlv(0x02, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big"))


NULL = b"\x05\x00"
ID_DATA = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA = "1.2.840.113549.1.7.2"
STREEBOG512 = "1.2.398.3.10.1.3.3"
GOST2015_512 = "1.2.398.3.10.1.1.2.3.2"


def attribute(type_oid, *values):
    return seq(oid(type_oid), set_of(*values))


def signer_info(with_attributes=True, unsigned=False):
    issuer = seq(set_of(seq(oid("2.5.4.3"), tlv(0x0C, "ТЕСТ".encode()))))
    parts = [integer(1), seq(issuer, integer(0x1234)), seq(oid(STREEBOG512),
                                                           NULL)]
    if with_attributes:
        attrs = (attribute("1.2.840.113549.1.9.3", oid(ID_DATA)) +
                 attribute("1.2.840.113549.1.9.5",
                           tlv(0x17, b"260501120000Z")) +
                 attribute("1.2.840.113549.1.9.4", tlv(0x04, bytes(64))) +
                 attribute("1.2.840.113549.1.9.16.2.47",
                           seq(seq(seq(tlv(0x04, bytes(32)))))))
        parts.append(tlv(0xA0, attrs))
    parts += [seq(oid(GOST2015_512), NULL), tlv(0x04, bytes(128))]
    if unsigned:
        parts.append(tlv(0xA1, attribute("1.2.840.113549.1.9.16.2.14",
                                         seq(oid(ID_SIGNED_DATA)))))
    return seq(*parts)


def signed_data(content=b"hello", signers=(signer_info(),), certs=b""):
    encap = seq(oid(ID_DATA), tlv(0xA0, tlv(0x04, content))) \
        if content is not None else seq(oid(ID_DATA))
    body = [integer(1), set_of(seq(oid(STREEBOG512), NULL)), encap]
    if certs:
        body.append(tlv(0xA0, certs))
    body.append(set_of(*signers))
    return seq(oid(ID_SIGNED_DATA), tlv(0xA0, seq(*body)))


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    cms = "tests/fuzz/corpus/signed_data"
    write(cms, "attached", signed_data())
    write(cms, "detached", signed_data(content=None))
    write(cms, "no_signed_attributes",
          signed_data(signers=(signer_info(with_attributes=False),)))
    write(cms, "two_signers_timestamp",
          signed_data(signers=(signer_info(), signer_info(unsigned=True))))
    write(cms, "zero_signers", signed_data(signers=()))
    write(cms, "ber_indefinite",
          b"\x30\x80" + oid(ID_SIGNED_DATA) + b"\xa0\x80\x30\x80" +
          integer(1) + b"\x31\x00" + b"\x30\x80" + oid(ID_DATA) +
          b"\xa0\x80\x24\x80\x04\x02he\x04\x03llo\x00\x00\x00\x00\x00\x00" +
          b"\x31\x00\x00\x00\x00\x00\x00\x00")

    der = "tests/fuzz/corpus/der_reader"
    write(der, "sequence", seq(integer(5), tlv(0x04, b"abc"), NULL))
    write(der, "long_length", tlv(0x04, bytes(300)))
    write(der, "nested", seq(seq(seq(set_of(oid("2.999.3"))))))
    write(der, "ber_constructed_string",
          b"\x30\x80\x24\x80\x04\x01a\x04\x01b\x00\x00\x00\x00")
    write(der, "context_tags", seq(tlv(0xA0, integer(2)), tlv(0x80, b"x")))


if __name__ == "__main__":
    main()
