import ArgumentParser
import CredKitAudit

/// The offline inputs of the account checklist's items 7 and 8: the AWS CLI's JSON, saved to files.
struct ChecklistFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Item 7: the JSON of 'aws cloudtrail describe-trails'.", valueName: "file"))
    var trails: String?

    @Option(name: .customLong("trail-status"),
            help: ArgumentHelp("Item 7: the JSON of 'aws cloudtrail get-trail-status' (one trail), or {\"NAME\": {...}} for several.", valueName: "file"))
    var trailStatus: String?

    @Option(name: .customLong("event-selectors"),
            help: ArgumentHelp("Item 7: the JSON of 'aws cloudtrail get-event-selectors' (or an array of them).", valueName: "file"))
    var eventSelectors: String?

    @Option(name: .customLong("bucket-access"),
            help: ArgumentHelp("Item 7: the JSON of 'aws s3api get-public-access-block' or 'get-bucket-policy-status' for the trail's bucket "
                               + "(or an array of both).", valueName: "file"))
    var bucketAccess: String?

    @Option(name: .customLong("report-definitions"),
            help: ArgumentHelp("Item 8: the JSON of 'aws cur describe-report-definitions --region us-east-1'.", valueName: "file"))
    var reportDefinitions: String?

    @Option(help: ArgumentHelp("Item 8: the JSON of 'aws bcm-data-exports list-exports --region us-east-1'.", valueName: "file"))
    var exports: String?

    @Option(help: ArgumentHelp("Item 8: the JSON of 'aws budgets describe-budgets' (the lighter alternative to reports).", valueName: "file"))
    var budgets: String?

    /// The paths for CredKitAudit.
    var paths: ChecklistFiles.Paths {
        ChecklistFiles.Paths(trails: trails, trailStatus: trailStatus, eventSelectors: eventSelectors, bucketAccess: bucketAccess,
                             reportDefinitions: reportDefinitions, exports: exports, budgets: budgets)
    }
}
