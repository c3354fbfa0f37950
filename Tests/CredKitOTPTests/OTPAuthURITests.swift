import CredKitCrypto
import CredKitOTP
import Testing

@Suite struct OTPAuthURITests {
    @Test func parsesFullURI() throws {
        let text = "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60"
        let uri = try OTPAuthURI.parse(Array(text.utf8))
        #expect(uri.kind == .totp)
        #expect(uri.account == "john.doe@email.com")
        #expect(uri.labelIssuer == "ACME Co")
        #expect(uri.issuer == "ACME Co")
        #expect(uri.algorithm == .sha256)
        #expect(uri.digits == 8)
        #expect(uri.period == 60)
        #expect(Base32.encode(uri.secret) == "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ")
        #expect(uri.warnings.isEmpty)
    }

    @Test func roundTripsWithUTF8AndReservedCharacters() throws {
        let secret = try SecureRandom.secret(count: 20)
        for (issuer, account) in [("Bücher & Söhne", "jörg@example.de"), ("東京", "ユーザー"), ("A:B", "c d?e&f=g"), ("", "solo")] {
            let built = OTPAuthURI(secret: secret, account: account, issuer: issuer.isEmpty ? nil : issuer,
                                   algorithm: .sha512, digits: 7, period: 45)
            let text = built.uriString()
            #expect(!text.contains(" "))
            let parsed = try OTPAuthURI.parse(Array(text.utf8))
            #expect(parsed.account == account)
            #expect(parsed.issuer == (issuer.isEmpty ? nil : issuer))
            #expect(parsed.secret == secret)
            #expect(parsed.algorithm == .sha512)
            #expect(parsed.digits == 7)
            #expect(parsed.period == 45)
        }
    }

    /// `otpauth://totp/:a:b` (an empty issuer, a colon in the account) was printed as `a%3Ab`,
    /// which reads back as issuer "a" and account "b". Found by fuzz/otpauth-uri.swift
    /// (Vectors/fuzz/otpauth-uri/regression-empty-issuer-colon-in-account).
    @Test func anAccountWithAColonAndNoIssuerRoundTrips() throws {
        let uri = try OTPAuthURI.parse(Array("otpauth://totp/:a:b?secret=JBSWY3DPEHPK3PXP".utf8))
        #expect(uri.account == "a:b")
        let again = try OTPAuthURI.parse(Array(uri.uriString().utf8))
        #expect(again.account == "a:b")
        #expect((again.issuer ?? "").isEmpty)

        let withParameter = try OTPAuthURI.parse(Array("otpauth://totp/:a:b?secret=JBSWY3DPEHPK3PXP&issuer=X".utf8))
        let reread = try OTPAuthURI.parse(Array(withParameter.uriString().utf8))
        #expect(reread.account == "a:b")
        #expect(reread.issuer == "X")
        #expect(reread.warnings.isEmpty)
    }

    @Test func hotpNeedsAndKeepsCounter() throws {
        let uri = try OTPAuthURI.parse(Array("otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=42&issuer=Example".utf8))
        #expect(uri.kind == .hotp)
        #expect(uri.counter == 42)
        let again = try OTPAuthURI.parse(Array(uri.uriString().utf8))
        #expect(again.counter == 42)
        #expect(throws: OTPError.self) { try OTPAuthURI.parse(Array("otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP".utf8)) }
    }

    @Test func labelAndParameterIssuerMayDiffer() throws {
        // Microsoft-style: the label prefix and the issuer parameter disagree.
        let uri = try OTPAuthURI.parse(Array("otpauth://totp/Microsoft:alice@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Contoso".utf8))
        #expect(uri.issuer == "Contoso")
        #expect(uri.labelIssuer == "Microsoft")
        #expect(uri.warnings.contains { $0.contains("issuer parameter is used") })
    }

    @Test func plusInQueryIsSpaceAndDefaultsApply() throws {
        let uri = try OTPAuthURI.parse(Array("OTPAUTH://TOTP/alice?SECRET=jbswy3dpehpk3pxp&issuer=Big+Corp&image=https%3A%2F%2Fx".utf8))
        #expect(uri.issuer == "Big Corp")
        #expect(uri.labelIssuer == nil)
        #expect(uri.algorithm == .sha1)
        #expect(uri.digits == 6)
        #expect(uri.period == 30)
    }

    @Test(arguments: [
        ("otpauth://totp/alice?issuer=X", "no secret"),
        ("otpauth://totp/alice?secret=JBSWY3DP1HPK3PXP", "character 9"),
        ("otpauth://motp/alice?secret=JBSWY3DPEHPK3PXP", "unknown OTP type 'motp'"),
        ("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=5", "digits '5' is out of range"),
        ("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=11", "digits '11' is out of range"),
        ("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=0", "period '0' is out of range"),
        ("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", "algorithm 'MD5'"),
        ("otpauth://totp/al%2ice?secret=JBSWY3DPEHPK3PXP", "malformed percent-escape"),
        ("otpauth://totp", "no label"),
        ("https://example.com/?secret=JBSWY3DPEHPK3PXP", "not an otpauth:// URI"),
    ])
    func rejections(_ text: String, _ expected: String) {
        do {
            _ = try OTPAuthURI.parse(Array(text.utf8))
            Issue.record("\(text) parsed")
        } catch let error as OTPError {
            #expect(error.reason.contains(expected), "\(error.reason)")
            #expect(!error.reason.contains("JBSWY3DP"), "an error must not echo the secret")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func redactedHidesTheSecret() throws {
        let secret = try SecureRandom.secret(count: 20)
        let uri = OTPAuthURI(secret: secret, account: "a", issuer: "b")
        #expect(!uri.redactedURIString().contains(Base32.encode(secret)))
        #expect(uri.uriString().contains(Base32.encode(secret)))
    }
}
