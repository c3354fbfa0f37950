import CredKitTestSupport
import Foundation
import Testing

/// `--timeout` governs the wait for a credential report: against a loopback IAM endpoint that
/// keeps answering that the report is being generated, `keys --live` and `audit --live` give up
/// within the timeout with a clear message and exit status 2.
@Suite("The credential-report wait follows --timeout")
struct ReportWaitTimeoutTests {
    /// `GenerateCredentialReport`'s answer while AWS is still building the report.
    static let inProgress = """
    <GenerateCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GenerateCredentialReportResult>\
    <State>INPROGRESS</State><Description>No report exists. Starting a new report generation task</Description>\
    </GenerateCredentialReportResult><ResponseMetadata><RequestId>test-0001</RequestId></ResponseMetadata>\
    </GenerateCredentialReportResponse>
    """

    /// The answer's shape is botocore's: the output members and the state enum of `GenerateCredentialReport`.
    static func checkShapeAgainstBotocore() throws {
        let script = """
        import botocore.session
        model = botocore.session.get_session().get_service_model("iam")
        output = model.operation_model("GenerateCredentialReport").output_shape
        assert sorted(output.members) == ["Description", "State"], sorted(output.members)
        assert "INPROGRESS" in output.members["State"].enum, output.members["State"].enum
        assert model.operation_model("GenerateCredentialReport").metadata["apiVersion"] == "2010-05-08"
        """
        let result = try ProcessRunner.run("python3", ["-c", script])
        try #require(result.status == 0, "the stand-in answer does not match botocore's model: \(result.stderr)")
    }

    @Test(arguments: ["keys", "audit"])
    func reportThatNeverCompletesEndsWithinTheTimeoutWithExitTwo(command: String) throws {
        try Self.checkShapeAgainstBotocore()
        let server = try RecordingIAMServer.start(status: 200, body: Self.inProgress)
        defer { server.stop() }
        let home = try TemporaryDirectory("report-wait")
        defer { home.remove() }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                           "AWS_ENDPOINT_URL": server.endpoint.absoluteString, "AWS_REGION": "us-east-1", "HOME": home.url.path,
                           "AWS_PROFILE": ""]
        let timeout = 3.0
        let started = Date()
        let result = try ProcessRunner.credkit([command, "--live", "--timeout", "3"], environment: environment)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("the credential report was not ready within 3 seconds"), "\(result.stderr)")
        // Process start and exit add a little; the old fixed wait was 300 seconds.
        #expect(elapsed < timeout + 5, "took \(elapsed) seconds")
        let asked = try server.requests().filter { $0["Action"] == "GenerateCredentialReport" }
        #expect(asked.count >= 2, "the report was not polled: \(asked.count) request(s)")
    }
}
