import Testing

/// Texts the tests encode: what credkit puts in QR codes in practice.
struct Sample: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String

    var testDescription: String { name }

    static let short = Sample(
        name: "short",
        text: "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
    )

    /// Long enough to need version 10 or more even at level L.
    static let long = Sample(
        name: "long",
        text: "otpauth://totp/Very%20Long%20Issuer%20Name%20Incorporated%20International%20Holdings:"
            + "firstname.middlename.lastname+mfa-enrolment-2026@subdomain.department.example.com"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Very%20Long%20Issuer%20Name%20Incorporated%20International%20Holdings"
            + "&algorithm=SHA512&digits=8&period=60"
    )

    /// Raw (not percent-encoded) UTF-8 in the label and issuer.
    static let german = Sample(
        name: "UTF-8 Bücher & Söhne",
        text: "otpauth://totp/Bücher & Söhne:jürgen.groß@example.de?secret=JBSWY3DPEHPK3PXP&issuer=Bücher & Söhne"
    )

    static let tokyo = Sample(
        name: "UTF-8 東京",
        text: "otpauth://totp/東京:山田太郎?secret=JBSWY3DPEHPK3PXP&issuer=東京"
    )

    static let all = [short, long, german, tokyo]
}
