import CredKitPolicy
import Foundation
import Testing

/// The one reader of IAM password policies: files (wrapped, bare, NoSuchEntity) and live
/// `GetAccountPasswordPolicy` fields go through the same checks.
@Suite struct PasswordPolicyReadingTests {
    private func read(_ text: String) throws -> PasswordPolicy {
        try PasswordPolicy(json: Data(text.utf8), source: "p.json")
    }

    private func failure(_ text: String) -> String? {
        do { _ = try read(text) } catch let error as PolicyError { return error.reason } catch { return "\(error)" }
        return nil
    }

    @Test func wrappedAndBareFormsGiveTheSamePolicy() throws {
        let bare = #"{"MinimumPasswordLength": 14, "RequireSymbols": true, "PasswordReusePrevention": 24, "MaxPasswordAge": 90}"#
        let wrapped = #"{"PasswordPolicy": \#(bare)}"#
        #expect(try read(bare) == read(wrapped))
        #expect(try read(bare) == PasswordPolicy(minimumLength: 14, requireSymbols: true, maxPasswordAge: 90, passwordReusePrevention: 24))
    }

    @Test(arguments: [
        "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found.",
        #"{"Error": {"Code": "NoSuchEntity", "Message": "The Password Policy cannot be found."}}"#,
    ])
    func noSuchEntityMeansAWSDefault(_ text: String) throws {
        #expect(try read(text) == .awsDefault)
    }

    /// IAM documents 0 as "not set" for MaxPasswordAge and PasswordReusePrevention; the file
    /// reader used to refuse what the live reader accepted.
    @Test func zeroMeansUnsetInFilesAndLiveAlike() throws {
        let file = try read(#"{"MinimumPasswordLength": 8, "MaxPasswordAge": 0, "PasswordReusePrevention": 0, "ExpirePasswords": false}"#)
        let live = try PasswordPolicy(iamFields: ["MinimumPasswordLength": "8", "MaxPasswordAge": "0", "PasswordReusePrevention": "0",
                                                  "ExpirePasswords": "false"], source: "GetAccountPasswordPolicy")
        #expect(file == live)
        #expect(file.maxPasswordAge == nil && file.passwordReusePrevention == nil)
    }

    @Test func liveFieldsGetTheFileChecks() throws {
        let live = try PasswordPolicy(iamFields: [
            "MinimumPasswordLength": "16", "RequireSymbols": "true", "RequireNumbers": "false", "ExpirePasswords": "true",
            "MaxPasswordAge": "90", "PasswordReusePrevention": "24", "HardExpiry": "false", "AllowUsersToChangePassword": "true",
        ], source: "GetAccountPasswordPolicy")
        #expect(live == PasswordPolicy(minimumLength: 16, requireSymbols: true, allowUsersToChangePassword: true,
                                       maxPasswordAge: 90, passwordReusePrevention: 24))
        #expect(throws: PolicyError.self) {
            try PasswordPolicy(iamFields: ["MinimumPasswordLength": "500"], source: "GetAccountPasswordPolicy")
        }
        #expect(throws: PolicyError.self) {
            try PasswordPolicy(iamFields: ["MinimumPasswordLength": "14", "RequireSymbols": "yes"], source: "GetAccountPasswordPolicy")
        }
    }

    @Test func errorsNameTheFileAndLine() {
        #expect(failure("{\n  \"MinimumPasswordLength\": 14,\n  \"RequireSymbols\": \"yes\"\n}")
                == "p.json:3: RequireSymbols must be true or false, not a string")
        #expect(failure("{\"PasswordPolicy\": {\n\"MinimumPasswordLength\": 5}}")
                == "p.json:2: PasswordPolicy.MinimumPasswordLength must be from 6 to 128, not 5")
        #expect(failure("{\"MinimumPasswordLength\": 14,") == "p.json:1:30: not valid JSON: unexpected end of input; expected a key in double quotes")
    }

    /// Python and jq take the last of two equal keys; IAM refuses the document.
    @Test func duplicateKeyIsRefusedWithKeyAndLine() {
        #expect(failure("{\n\"MinimumPasswordLength\": 14,\n\"MinimumPasswordLength\": 6\n}")
                == "p.json:3:1: duplicate key 'MinimumPasswordLength' (first at line 2)")
    }

    @Test func documentAtTheSizeLimitIsReadAndOnePastIsRefused() throws {
        let head = #"{"MinimumPasswordLength": 14}"#
        let atLimit = head + String(repeating: " ", count: PasswordPolicy.maximumDocumentSize - head.utf8.count)
        #expect(throws: Never.self) { try read(atLimit) }
        let reason = try #require(failure(atLimit + " "))
        #expect(reason.contains("limit of \(PasswordPolicy.maximumDocumentSize)"))
    }

    /// A 50-million-element array ran for minutes before "unknown field" was reported.
    @Test func hugeArrayIsRefusedAtOnce() throws {
        var text = #"{"MinimumPasswordLength": 14, "X": ["#
        text += String(repeating: "0,", count: 5_000_000) + "0]}"
        let reason = try #require(failure(text))
        #expect(reason.contains("is more than a password policy's limit of"))
    }
}
