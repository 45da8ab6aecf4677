/// `0x` followed by the hexadecimal digits of `value`; negative values keep their sign
/// (`-0x8000000000000000` for `Int.min`, whose negation does not fit an `Int`).
@usableFromInline func hexLiteral(_ value: Int) -> String {
    value < 0 ? "-0x" + String(value.magnitude, radix: 16) : "0x" + String(value, radix: 16)
}
