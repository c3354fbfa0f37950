// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: credkit (CLI) -> feature modules -> CredKitCrypto -> COpenSSL.
// Only the Swift wrapper modules import the C system-library targets.
//
//   credkit ─┬─ CredKitOTP ─────────────┐
//            ├─ CredKitQR (libqrencode, libpng)
//            ├─ CredKitScan (zlib) ─────┤
//            └─ CredKitAudit ─┬─ CredKitAWS ── CredKitHTTP ─┤
//                             └─ CredKitPolicy (zxcvbn) ─────┼─ CredKitCrypto ── COpenSSL
//   CredKitJSON (no dependencies): read by Scan, Policy, AWS and Audit ──┘
//
// CredKitHTTP: HTTP/1.1 transport (connections, proxies, deadlines; TLS from CredKitCrypto).
// CredKitAWS: SigV4, credentials and config files, the Query, JSON and S3 REST protocols, and the clients
// for IAM, STS, EC2 regions, CloudTrail, S3, Budgets, CUR and Data Exports.
// CredKitAudit: credential reports, checks, exemptions, the security status, reporters.
let package = Package(
    name: "credkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "credkit", targets: ["credkit"]),
        .library(name: "CredKitCrypto", targets: ["CredKitCrypto"]),
        .library(name: "CredKitOTP", targets: ["CredKitOTP"]),
        .library(name: "CredKitQR", targets: ["CredKitQR"]),
        .library(name: "CredKitScan", targets: ["CredKitScan"]),
        .library(name: "CredKitJSON", targets: ["CredKitJSON"]),
        .library(name: "CredKitHTTP", targets: ["CredKitHTTP"]),
        .library(name: "CredKitAWS", targets: ["CredKitAWS"]),
        .library(name: "CredKitPolicy", targets: ["CredKitPolicy"]),
        .library(name: "CredKitAudit", targets: ["CredKitAudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries from Debian.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        // zlib: inflate for .gz, .zip and .jar files in scans (libpng already brings it in).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZxcvbn",
            providers: [.apt(["libzxcvbn-dev"])]
        ),

        // The one core crypto module: the only importer of COpenSSL.
        .target(name: "CredKitCrypto", dependencies: ["COpenSSL"]),
        // The one JSON reader for files users hand in (strict, bounded, duplicate keys refused).
        .target(name: "CredKitJSON"),

        // Capabilities.
        .target(name: "CredKitOTP", dependencies: ["CredKitCrypto"]),
        .target(name: "CredKitQR", dependencies: ["CQREncode", "CPNG"]),
        .target(name: "CredKitScan", dependencies: ["CredKitCrypto", "CredKitJSON", "CZlib"]),
        .target(name: "CredKitPolicy", dependencies: ["CredKitCrypto", "CredKitJSON", "CZxcvbn"]),

        // The AWS side, one concern per module: transport -> protocol -> account audit.
        .target(name: "CredKitHTTP", dependencies: ["CredKitCrypto"]),
        .target(name: "CredKitAWS", dependencies: ["CredKitHTTP", "CredKitCrypto", "CredKitJSON"]),
        .target(name: "CredKitAudit", dependencies: ["CredKitAWS", "CredKitPolicy", "CredKitJSON"]),

        // The executable: parses arguments and prints.
        .executableTarget(
            name: "credkit",
            dependencies: [
                "CredKitCrypto", "CredKitOTP", "CredKitQR", "CredKitScan", "CredKitHTTP", "CredKitAWS",
                "CredKitPolicy", "CredKitAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Shared test helpers: fixtures, temporary folders, running real programs.
        .target(name: "CredKitTestSupport", path: "Tests/Support"),
        .testTarget(name: "CredKitCryptoTests", dependencies: ["CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitOTPTests", dependencies: ["CredKitOTP", "CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitQRTests", dependencies: ["CredKitQR", "CredKitTestSupport"]),
        .testTarget(name: "CredKitScanTests", dependencies: ["CredKitScan", "CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitPolicyTests", dependencies: ["CredKitPolicy", "CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitJSONTests", dependencies: ["CredKitJSON", "CredKitTestSupport"]),
        .testTarget(name: "CredKitHTTPTests", dependencies: ["CredKitHTTP", "CredKitAWS", "CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitAWSTests", dependencies: ["CredKitAWS", "CredKitHTTP", "CredKitCrypto", "CredKitTestSupport"]),
        .testTarget(name: "CredKitAuditTests", dependencies: ["CredKitAudit", "CredKitAWS", "CredKitPolicy", "CredKitTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["credkit", "CredKitTestSupport"]),
    ]
)
