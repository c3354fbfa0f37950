extension Rule {
    /// Every rule credkit knows, in report order.
    public static let builtIn: [Rule] = [
        accessKeyID, uniqueID, secretAccessKey, sessionToken, bedrockLongTermKey, bedrockShortTermKey,
    ]

    /// The built-in rule with `id`, if any.
    public static func builtIn(id: String) -> Rule? { builtIn.first { $0.id == id } }

    /// AWS access key IDs that are credentials.
    public static let accessKeyID = Rule(
        id: "aws-access-key-id",
        description: "AWS access key ID (AKIA, ASIA, ABIA, ACCA, A3T*)",
        severity: .error,
        enabledByDefault: true,
        pattern: #"(?:(?<![A-Za-z0-9_])|(?<=\\[ntrbfv])|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\x[0-9A-Fa-f]{2}))((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9_])"#,
        prefixes: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        entropyFloor: 2.0,
        allowedValues: ["AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE"],
        allowedPatterns: ["EXAMPLE$"],
        samples: [
            "aws_access_key_id = {AKIA}",
            "export AWS_ACCESS_KEY_ID={ASIA}",
            #"  "AccessKeyId": "{ABIA}","#,
            "key={ACCA};",
            "id: {A3T}",
            "{AKIA}",
            "https://bucket.s3.amazonaws.com/o?AWSAccessKeyId={AKIA}&Expires=1",
            "creds=({AKIA},other)",
            // JSON and C escapes right before the key (issue 13).
            #"{"log": "created\n{AKIA}\n"}"#,
            #"printf("\t{AKIA}\n");"#,
            #"{"id": "\u0022{AKIA}\u0022"}"#,
            #"char *k = "\x22{AKIA}";"#,
            // Encoded: percent, Base64 (a Kubernetes Secret), a JWT payload.
            "https://example.invalid/?AWSAccessKeyId%3D{AKIA}%26Expires%3D1",
            "data:\n  AWS_ACCESS_KEY_ID: {BASE64:{AKIA}}",
            "token: {JWT:{AKIA}}",
        ],
        falseAlarms: [
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "aws_access_key_id = AKIAI44QH7DHBEXAMPLE",
            "ASIAIOSFODNN7EXAMPLE",
            "X{AKIA}",
            "{AKIA}X",
            "{AKIA}_old",
            "prefix_{AKIA}",
            "{AKIA}7",
            "AKIA0123456789ABCDEF",
            "AKIAQWERTYUIOPASDFG",
            "AKIAQWERTYUIOPASDFGHJ",
            "akiaqwertyuiopasdfgh",
            "AKIAXXXXXXXXXXXXXXXX",
            "{AIDA}",
            "{HEX40}",
            // An escape letter that is no escape, and encoded text that is not a key.
            "n{AKIA}",
            "\\q{AKIA}",
            "%41{AKIA}",
            "data: {BASE64:not a key at all, just words in a blob}",
            "sum = {BASE64:AKIAIOSFODNN7EXAMPLE}",
        ],
        detector: .accessKeyID
    )

    /// Unique IDs of IAM users, roles, groups and policies: identifiers, not secrets.
    public static let uniqueID = Rule(
        id: "aws-unique-id",
        description: "AWS IAM unique ID (AIDA, AROA, AGPA, ANPA, ANVA, AIPA): informational",
        severity: .note,
        enabledByDefault: false,
        pattern: #"(?:(?<![A-Za-z0-9_])|(?<=\\[ntrbfv])|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\x[0-9A-Fa-f]{2}))((?:AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z2-7]{16})(?![A-Za-z0-9_])"#,
        prefixes: ["AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA"],
        entropyFloor: 2.0,
        allowedPatterns: ["EXAMPLE$"],
        samples: [
            #""UserId": "{AIDA}","#,
            "RoleId: {AROA}",
            "{AGPA}",
            "{ANPA}",
            "{ANVA}",
            "{AIPA}",
        ],
        falseAlarms: [
            "{AKIA}",
            "X{AIDA}",
            "AIDAIOSFODNN7EXAMPLE",
            "AIDA0123456789ABCDEF",
        ],
        detector: .uniqueID
    )

    /// 40-character secret access keys: in AWS context, or paired with a nearby key ID.
    public static let secretAccessKey = Rule(
        id: "aws-secret-access-key",
        description: "AWS secret access key (40 characters, in AWS context or near a key ID)",
        severity: .error,
        enabledByDefault: true,
        pattern: #"(?:(?<![A-Za-z0-9+/])|(?<=\\[ntrbfv/])|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\x[0-9A-Fa-f]{2}))([A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=])"#,
        keywords: ["secretaccesskey", "secret"],
        entropyFloor: 4.0,
        requiresMixedCase: true,
        textWordCharacters: 20,
        allowedValues: [
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        ],
        allowedPatterns: ["EXAMPLE"],
        samples: [
            "aws_secret_access_key = {SECRET}",
            "AWS_SECRET_ACCESS_KEY={SECRET}",
            #"  "SecretAccessKey": "{SECRET}","#,
            "aws.secret_key: '{SECRET}'",
            "[aws]\nregion = eu-west-1\nsecret_key = {SECRET}",
            "[default]\naws_access_key_id = {AKIA}\naws_secret_access_key = {SECRET}",
            "{SECRET}\n\n{AKIA}",
            "key = {AKIA}\nvalue = {SECRET}",
            // One block pairs, six lines apart or more (issue 13).
            "key = {AKIA}\na = 1\nb = 2\nc = 3\nd = 4\ne = 5\nvalue = {SECRET}",
            // Escapes before and inside the secret, percent and Base64 encodings.
            #"{"aws_secret_access_key": "\n{SECRET}"}"#,
            #"{"SecretAccessKey": "{SECRET:ESCAPED}"}"#,
            "https://example.invalid/?AWSAccessKeyId%3D{AKIA}%26Signature%3D{SECRET:PERCENT}",
            "apiVersion: v1\nkind: Secret\ndata:\n  AWS_SECRET_ACCESS_KEY: {BASE64:{SECRET}}",
            "credentials: {BASE64:[default]\naws_access_key_id = {AKIA}\naws_secret_access_key = {SECRET}\n}",
        ],
        falseAlarms: [
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = {HEX40}",
            "aws secret commit {HEX40}",
            "{SECRET}",
            "aws_secret_access_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "aws_secret_access_key = abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
            "aws_secret_access_key = {SECRET}A",
            "aws_secret_access_key = {SECRET}==",
            "client_secret = {SECRET}",
            "the laws say: secret {SECRET}",
            "{AKIA}\n\n\n\n\n\n\n{SECRET}",
            "key = {AKIA}\na = 1\nb = 2\nc = 3\nd = 4\n}\nvalue = {SECRET}",
            "data: {BASE64:{HEX40}}",
            // Text, not keys: words (botocore's API models and documentation, issue 13).
            #"<p>When <code>EnablePropagateAdditionalUserContextData</code> is true, Amazon Cognito accepts the client secret</p>"#,
            #"See <a href=\"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html\">Amazon RDS secrets</a>"#,
            #"aws_secret_access_key: see https://docs.aws.amazon.com/AmazonS3/latest/dev/ObjectOperations.html"#,
            #"AWS secret key: https://docs.aws.amazon.com/IAM/latest/UserGuide/MFAProtectedAPI.html"#,
            #"the AWS secret is deployed: https://docs.aws.amazon.com/appconfig/latest/userguide/deploying-a-configuration.html"#,
            "{AKIA}\n  \"class\": \"com/amazonaws/services/s3/AmazonS3Client\"",
        ],
        detector: .secretAccessKey
    )

    /// STS session tokens: long Base64 values named as such or next to an `ASIA` key.
    public static let sessionToken = Rule(
        id: "aws-session-token",
        description: "AWS session token (in context or next to an ASIA key)",
        severity: .error,
        enabledByDefault: true,
        pattern: #"(?:(?<![A-Za-z0-9+/])|(?<=\\[ntrbfv/])|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\x[0-9A-Fa-f]{2}))([A-Za-z0-9+/]{100,}={0,2})(?![A-Za-z0-9+/=])"#,
        keywords: ["sessiontoken", "securitytoken"],
        prefixes: ["IQoJb3JpZ2lu", "IgoJb3JpZ2lu", "FwoGZXIvYXdz", "FQoGZXIvYXdz", "AQoDYXdz", "AgoJb3JpZ2lu"],
        entropyFloor: 4.0,
        allowedPatterns: ["EXAMPLE"],
        samples: [
            "aws_session_token = {TOKEN}",
            "AWS_SESSION_TOKEN={TOKEN}",
            #"  "SessionToken": "{TOKEN}""#,
            "X-Amz-Security-Token: {TOKEN}",
            "{ASIA}\n{SECRET}\n{TOKEN}",
        ],
        falseAlarms: [
            "blob = {BASE64}",
            "aws_session_token = {SECRET}",
            "aws_session_token = " + String(repeating: "QUFB", count: 40),
        ],
        detector: .sessionToken
    )

    /// Long-term Amazon Bedrock API keys: IAM service-specific credentials of an IAM user.
    public static let bedrockLongTermKey = Rule(
        id: "aws-bedrock-api-key",
        description: "Amazon Bedrock long-term API key (ABSK...)",
        severity: .error,
        enabledByDefault: true,
        pattern: #"(?<![A-Za-z0-9+/])(ABSK[A-Za-z0-9+/]{96,}={0,2})(?![A-Za-z0-9+/=])"#,
        prefixes: ["ABSK"],
        entropyFloor: 0,
        allowedPatterns: ["EXAMPLE"],
        samples: [
            "AWS_BEARER_TOKEN_BEDROCK={ABSK}",
            #"  "source": ["os.environ['AWS_BEARER_TOKEN_BEDROCK'] = '{ABSK}'\n"]"#,
            "Authorization: Bearer {ABSK}",
        ],
        falseAlarms: [
            "AWS_BEARER_TOKEN_BEDROCK=ABSK{BASE64}",
            "AWS_BEARER_TOKEN_BEDROCK=ABSKxxxxxxxxxxxxxxxxxxxx",
            "AWS_BEARER_TOKEN_BEDROCK=X{ABSK}",
        ],
        detector: .bedrockLongTermKey
    )

    /// Short-term Amazon Bedrock API keys: a presigned URL, valid up to 12 hours.
    public static let bedrockShortTermKey = Rule(
        id: "aws-bedrock-short-term-api-key",
        description: "Amazon Bedrock short-term API key (bedrock-api-key-...)",
        severity: .error,
        enabledByDefault: true,
        pattern: #"(?<![A-Za-z0-9_])(bedrock-api-key-[A-Za-z0-9+/]{100,}={0,2})(?![A-Za-z0-9+/=])"#,
        prefixes: ["bedrock-api-key-"],
        entropyFloor: 0,
        allowedPatterns: ["EXAMPLE"],
        samples: [
            "AWS_BEARER_TOKEN_BEDROCK={BEDROCK}",
            #"token = "{BEDROCK}""#,
        ],
        falseAlarms: [
            "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-{BASE64}",
            "my_bedrock-api-key-{BEDROCK_BODY}",
        ],
        detector: .bedrockShortTermKey
    )
}
