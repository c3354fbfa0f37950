import ArgumentParser
import CredKitScan

extension ScanFormat: ExpressibleByArgument {}
