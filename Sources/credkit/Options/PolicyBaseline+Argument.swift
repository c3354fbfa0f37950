import ArgumentParser
import CredKitPolicy

extension Baseline: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
