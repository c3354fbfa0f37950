import CredKitAWS
import CredKitHTTP
import CredKitTestSupport
import Foundation
import Testing

@Suite("Credentials chain: environment, profiles, files")
struct CredentialsChainTests {
    static let credentials = """
    # comment
    [default]
    aws_access_key_id = AKIADEFAULT000000001
    aws_secret_access_key = default-secret

    [ci]
    aws_access_key_id=AKIACI00000000000002
    aws_secret_access_key=ci-secret
    aws_session_token = FQoGZXIvYXdzEXAMPLE
    region = ap-south-1

    [role]
    role_arn = arn:aws:iam::123456789012:role/admin
    source_profile = default
    """

    static let config = """
    [default]
    region = eu-central-1
    s3 =
      max_concurrent_requests = 20

    [profile ci]
    region = eu-west-3
    endpoint_url = http://127.0.0.1:5000

    [profile onlyconfig]
    aws_access_key_id = AKIACONFIG0000000003
    aws_secret_access_key = config-secret

    [sso-session corp]
    sso_region = us-east-1
    """

    static func home() throws -> TemporaryDirectory {
        let home = try TemporaryDirectory("aws-home")
        let aws = home.url.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try credentials.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try config.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        return home
    }

    @Test func environmentKeysWinOverTheDefaultProfile() throws {
        let home = try Self.home()
        defer { home.remove() }
        let chain = CredentialsChain(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV0000000000004", "AWS_SECRET_ACCESS_KEY": "env-secret",
                                                  "AWS_SESSION_TOKEN": "token", "AWS_REGION": "us-west-2"], homeDirectory: home.url.path)
        let resolved = try chain.resolve()
        #expect(resolved.credentials.accessKeyID == "AKIAENV0000000000004")
        #expect(resolved.credentials.isTemporary)
        #expect(resolved.credentials.source == "environment")
        #expect(resolved.region == "us-west-2")
    }

    @Test func defaultProfileAndConfigRegion() throws {
        let home = try Self.home()
        defer { home.remove() }
        let resolved = try CredentialsChain(environment: [:], homeDirectory: home.url.path).resolve()
        #expect(resolved.credentials.accessKeyID == "AKIADEFAULT000000001")
        #expect(resolved.credentials.source == "profile 'default' in ~/.aws/credentials")
        #expect(resolved.region == "eu-central-1")
        #expect(resolved.endpointURL == nil)
        #expect(resolved.iamEndpoint.url.absoluteString == "https://iam.amazonaws.com/")
    }

    @Test func explicitProfileIgnoresEnvironmentKeys() throws {
        let home = try Self.home()
        defer { home.remove() }
        let chain = CredentialsChain(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV0000000000004", "AWS_SECRET_ACCESS_KEY": "x"], homeDirectory: home.url.path)
        let resolved = try chain.resolve(profile: "ci")
        #expect(resolved.credentials.accessKeyID == "AKIACI00000000000002")
        #expect(resolved.credentials.isTemporary)
        #expect(resolved.region == "eu-west-3") // config wins over a region in the credentials file
        #expect(resolved.endpointURL?.absoluteString == "http://127.0.0.1:5000")
        #expect(try chain.resolve(profile: "ci", region: "cn-north-1", endpointURL: nil).iamEndpoint.signingRegion == "cn-north-1")
    }

    @Test func awsProfileAndFileVariables() throws {
        let home = try Self.home()
        defer { home.remove() }
        let other = try TemporaryDirectory("aws-other")
        defer { other.remove() }
        try "[x]\naws_access_key_id = AKIAOTHERFILE0000005\naws_secret_access_key = s\n".write(toFile: other.path("creds"), atomically: true, encoding: .utf8)
        let viaProfile = try CredentialsChain(environment: ["AWS_PROFILE": "onlyconfig"], homeDirectory: home.url.path).resolve()
        #expect(viaProfile.credentials.accessKeyID == "AKIACONFIG0000000003")
        let viaFile = try CredentialsChain(environment: ["AWS_PROFILE": "x", "AWS_SHARED_CREDENTIALS_FILE": other.path("creds"),
                                                         "AWS_CONFIG_FILE": other.path("missing")], homeDirectory: home.url.path).resolve()
        #expect(viaFile.credentials.accessKeyID == "AKIAOTHERFILE0000005")
        #expect(viaFile.region == "us-east-1")
    }

    @Test(arguments: [
        (["AWS_ACCESS_KEY_ID": "AKIAONLY000000000006"], nil as String?, "AWS_SECRET_ACCESS_KEY is not"),
        ([:], "role", "assume-role (profile 'role', role arn:aws:iam::123456789012:role/admin, from profile 'default' in ~/.aws/credentials) needs calls to AWS"),
        ([:], "nobody", "profile 'nobody' is not in ~/.aws/credentials and ~/.aws/config"),
        (["AWS_PROFILE": "ghost", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/c", "AWS_CONFIG_FILE": "/nonexistent/f"], nil, "no AWS credentials"),
    ] as [([String: String], String?, String)])
    func unusableCredentialsSayWhy(_ environment: [String: String], _ profile: String?, _ message: String) throws {
        let home = try Self.home()
        defer { home.remove() }
        let error = #expect(throws: AWSError.self) {
            try CredentialsChain(environment: environment, homeDirectory: home.url.path).resolve(profile: profile)
        }
        #expect(error?.code == .credentialsNotFound)
        #expect(error?.description.contains(message) == true, "got: \(error?.description ?? "nothing")")
        #expect(error?.description.contains("secret") == false || message.contains("SECRET"))
    }

    @Test func malformedFileNamesPathAndLineButNoValue() throws {
        let text = "[default]\naws_access_key_id = AKIA1\nthis line has no equals sign wJalrXUtn\n"
        let error = #expect(throws: AWSError.self) { try AWSConfigFile(path: "/tmp/c", kind: .credentials, contents: text) }
        #expect(error?.description == "/tmp/c:3: expected 'key = value' or '[section]'")
    }

    @Test func fileAtTheSizeLimitIsReadAndOnePastIsRefused() throws {
        let dir = try TemporaryDirectory("aws-size")
        defer { dir.remove() }
        let head = "[default]\nregion = eu-west-1\n"
        // Comment lines pad the file to the limit; the profile must still be read.
        var text = head
        let comment = "# " + String(repeating: "x", count: 1021) + "\n"
        while text.utf8.count + comment.utf8.count <= AWSConfigFile.maximumFileSize { text += comment }
        text += "#" + String(repeating: "y", count: AWSConfigFile.maximumFileSize - text.utf8.count - 2) + "\n"
        #expect(text.utf8.count == AWSConfigFile.maximumFileSize)
        let path = dir.path("config")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let atLimit = try #require(try AWSConfigFile.load(path: path, kind: .config))
        #expect(atLimit.profile("default")?["region"] == "eu-west-1")

        try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: AWSError.self) { try AWSConfigFile.load(path: path, kind: .config) }
        #expect(error?.code == .invalidInput)
        #expect(error?.description == "\(path): larger than \(AWSConfigFile.maximumFileSize) bytes; not an AWS config or credentials file")
    }

    @Test func profilesWithKeysInFileOrder() throws {
        let file = try AWSConfigFile(path: "c", kind: .credentials, contents: Self.credentials)
        let profiles = try CredentialsChain.profilesWithKeys(in: file)
        #expect(profiles.map(\.profile) == ["default", "ci"])
        #expect(!profiles.map { "\($0.credentials)" }.joined().contains("secret-"))
    }

    @Test func caBundleFromTheEnvironmentElseTheProfileAndProxiesFromTheEnvironment() throws {
        let home = try TemporaryDirectory("aws-home")
        defer { home.remove() }
        try "[profile corp]\naws_access_key_id = AKIACORP000000000005\naws_secret_access_key = corp-secret\nca_bundle = ~/certs/corp.pem\n"
            .write(toFile: home.path("config"), atomically: true, encoding: .utf8)
        var environment = ["AWS_CONFIG_FILE": home.path("config"), "AWS_SHARED_CREDENTIALS_FILE": home.path("none"),
                           "HTTPS_PROXY": "http://proxy.corp:3128", "no_proxy": "internal.corp"]
        let fromProfile = try CredentialsChain(environment: environment, homeDirectory: home.url.path).resolve(profile: "corp")
        #expect(fromProfile.caBundle == home.url.path + "/certs/corp.pem")
        #expect(fromProfile.proxies == ProxySettings(httpsProxy: "http://proxy.corp:3128", noProxy: "internal.corp"))

        environment["AWS_CA_BUNDLE"] = "/etc/ssl/corp-ca.pem"
        let fromEnvironment = try CredentialsChain(environment: environment, homeDirectory: home.url.path).resolve(profile: "corp")
        #expect(fromEnvironment.caBundle == "/etc/ssl/corp-ca.pem")

        let none = try CredentialsChain(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV0000000000004", "AWS_SECRET_ACCESS_KEY": "s"],
                                        homeDirectory: home.url.path).resolve()
        #expect(none.caBundle == nil)
        #expect(none.proxies == ProxySettings())
    }
}
