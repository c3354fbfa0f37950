extension WordSegmentation {
    /// Lowercase words of at least 3 letters that identifiers, paths and prose are made of:
    /// the 5,000 most frequent words of the Swift toolchain's sources and documentation and of
    /// the system's man pages and documents (split at camel case, kept only when in the
    /// `wamerican` dictionary), plus AWS and web terms (`aws`, `iam`, `rds`, `html`), written by hand.
    /// None of it comes from the corpora the precision is measured on (botocore).
    static let wordList = """
    abbrev abbreviated abbreviation abbreviations ability able abort aborted aborting aborts about above
    absence absent absolute abstract abstraction accelerated acceleration accelerator accelerators
    accent accents accept acceptable accepted accepting accepts access accessed accesses accessibility
    accessible accessing accidental accidentally accommodate according accordingly account accounting
    accounts accumulate accumulated accumulators accuracy accurate ace achieve achieved acknowledge
    acquire acquired acquiring acronym across act action actions activate activated activation active
    activity actor acts actual actually acute adapt adaptation adapted adapter adaptive adaptor add
    added adding addition additional additionally additions address addresses addressing adds adj
    adjacent adjust adjusted adjustment adjustments admin administrator admins adobe adopt adopted adv
    advance advanced advantage advertise advertised advertisement advertising advice advised affect
    affected affecting affects affiliates affinity after afterwards again against age agent agents
    aggregate aggressive ago agree agreed agreement ahead alarm alb ale alert algorithm algorithms alias
    aliased aliases aliasing align aligned alignment alive all allocate allocated allocates allocating
    allocation allocations allow allowed allowing allows alloy almost alone along alongside alpha
    alphabetic alphanumeric already also alt alter altered alternate alternation alternative
    alternatively alternatives although always amazon ambiguity ambiguous amend ami among
    amount amp analogous analysis analyze analyzer ancestor ancestors anchor anchors ancient ancillary
    and android angle annotate annotated annotation annotations announce announcement annoying anon
    anonymous another answer anti any anymore anyone anything anyway anywhere apart api apis app
    apparently appear appeared appearing appears append appended appending appendix appends
    apple applicable application applications applied applies apply applying approach appropriate
    appropriately approval approved approximately apps apropos apt arbitrary arc arch architecture
    architectures archive archived archives are area areas arena ares arg args argument arguments aria
    arising arithmetic arm armor arn around array arrays arrives arrow art article artifact artifacts
    artificial artistic artwork ascending ascii ask asked asking aspect aspects assembler assembly
    assert assertion assertions asserts asset assets assign assigned assigning assignment assignments
    assigns assist assoc associate associated associates association associations assume assumed assumes
    assuming assumption assumptions assured asymmetric asynchronous asynchronously athena atom atomic
    attach attached attachment attachments attack attacker attacks attempt attempted attempting attempts
    attention attestation attic attribute attributed attributes attribution audio audit august aurora
    auth authenticate authenticated authentication author authored authority authorization authorized
    authors auto automated automatic automatically automation autonomous auxiliary avail availability
    available average avg avoid avoided avoiding avoids await aware away aws axis azure baa back backed
    background backing backlog backs backslash backslashes backspace backup backups backward backwards
    bad badly bag bail balance balanced balancing ball band bandwidth banner bar bare barrier base based
    baseline bases bash basic basically basics basis bat batch baud beast became because become becomes
    bed bedrock bee been before begin beginning begins behalf behave behaves behavior behind being bell
    belong belonging belongs below bench benchmark benchmarks benefit berg best beta better between
    beyond bias biased bid bidirectional big bigger bill billing bin binaries binary bind binding
    bindings binds bisect bison bit bitmap bits black blacklist blame blank blanks bleed blend bless
    blob blobs block blockchain blocked blocking blocks blog blue bob body bogus bold book bookmark
    bookworm boost boot bootstrap border borrow borrowing bot both bother boto botocore bottom bound
    boundaries boundary bounded bounding bounds box boxed boxes brace braces bracket brackets brad
    branch branches brand break breakage breaking breakpoints breaks bridge bridging brief bring
    broadcast broke broken brought brown browse browser browsers bucket buckets budget buff buffer
    buffered buffering buffers bug buggy bugs build builder building builds built builtin bulk bullet
    bump bumped bunch bundle bundled bundles burnt burst bus business buster busy but button buttons
    bypass byte bytes cab cache cached caches caching cad cal calculate calculated calculating
    calculation calculations calendar call callable called caller callers calling calls cam came
    camellia can cancel canceled cancellation cancelled candidate candidates cannot canon canonical
    canvas cap capabilities capability capable capacity capital capitalization caps capture captured
    capturing card cardinal cards care careful carefully carriage carry cascade case cases casing cast
    casting casts cat catalog catch categories category caught cause caused causes causing caution
    caveats cedilla ceiling cell cells center central certain certificate certificates chain chained
    chaining chains challenge champ chance change changed changes changing channel channels chapter char
    character characters charge chars check checked checker checking checkout checkpoint checks cherry
    child children chin chip choice choices choose chosen chrome chromium chunk chunks cipher ciphers
    circular circumflex circumstances claim claims clamp clamped clang clarified clarify clarity clash
    class classes classic classification clause clauses clean cleaned cleaner cleaning cleanly cleanup
    cleanups clear cleared clearer clearing clearly clears cli click client clients clip clipping
    clobber clock clocks clone cloned clones cloning close closed closer closes closest closing closure
    closures cloud cloudformation cloudfront clouds cloudtrail cloudwatch cluster clusters code
    codebuild codecommit coded codedeploy codepipeline codes coding coefficient coerce coercion cognito
    col collaborator collaborators collapse collate collation collect collected collecting collection
    collections collector collision collisions colon colons color colors column columns com combination
    combinations combine combined combining combo come comes coming comm comma command commander
    commands commas comment commented comments commercial commit commitments commits committed common
    commonly commons communicate communication compact company comparable compare compared compares
    comparing comparison comparisons compatibility compatible compilation compile compiled compiler
    compilers compiles compiling complain complement complete completed completely completes completing
    completion complex complexity compliance compliant complicated comply component components compose
    composed composer composite composition compound compress compressed compressing compression
    compressor computation compute computed computer computes computing con concatenated concatenation
    concept concepts concerning concrete concurrency concurrent concurrently condensed condition
    conditional conditionally conditionals conditions confidence confidential config configurable
    configuration configurations configure configured configures configuring confirm confirmation
    conflict conflicting conflicts conform conformance conforming conforms confused confusing confusion
    conjunction conjure connect connected connecting connection connections connectivity connector
    connectors connects cons consecutive consent consequential consequently consider considerations
    considered consist consistency consistent consistently consisting consists console consolidate
    consortium constant constants constitutes constrained constraint constraints construct constructed
    construction constructor constructors constructs consult consulted consume consumed consumer
    consumers consuming consumption cont contact contacts contain contained container containers
    containing contains content contents context contexts contiguous continuation continue continues
    continuing continuous contract contrast contributed contributing contribution contributions
    contributor contributors control controlled controller controllers controlling controls convenience
    convenient convention conventional conventions conversion conversions convert converted converter
    converters convertible converting converts cookie cookies coordinate coordinates cope copied copies
    copy copying copyleft copyright core cores corner corp corporation correct corrected correction
    corrections correctly correctness correspond corresponding corresponds corrupt corrupted corruption
    cortex cosmetic cosmetics cost costs could count counted counter counterparts counters counting
    country counts couple course court cover coverage covered covers cow crafted crash crashed crashes
    crashing cray create created creates creating creation creative creator credential credentials
    credit credits criteria critical crop cross cruft crypt cryptography css cuckoo cups cur curl
    currency current currently curs curses cursor curve curves custom customer customization customize
    customized cut cycle cycles cyclic dab dad dados daemon daemons daily daisy dale damage damages
    dangling dark dash dashboard dashes data database databases datatype date dates day daylight days
    dead deadline deadlock deal dealing dealings deb debug debugger debugging decide deciding decimal
    decipher decision declaration declarations declare declared declares decode decoded decoder decoding
    decomposition decompress decompressed decompressing decompression decorator decrease decryption
    dedicated deep default defaulted defaulting defaults defect defer deferred define defined defines
    defining definite definitely definition definitions deflate del delay delayed delays delegate
    delegated delegation delete deleted deletes deleting deletion deletions delimited delimiter
    delimiters delivered delivery dell delta demand demo demon demonstrate demonstrates demos den denial
    denied deny depend dependence dependencies dependency dependent depending depends deploy deployed
    deploying deployment deployments deprecate deprecated deprecation depth derivation derivative
    derivatives derive derived descendant descending describe described describes describing description
    descriptions descriptive descriptor descriptors design designated designed desirable desired desktop
    despite destination destinations destroy destroyed destroying destroys destruction detach detached
    detail detailed details detect detected detecting detection detector detects determine determined
    determines determining deterministic dev developed developer developers development device devices
    diagnose diagnostic diagnostics dialect dialog diamond dickey dictionaries dictionary did die dies
    diff differ difference differences different differential differentiation differently differs
    difficult diffs digest digests digit digital digits dim dimension dimensions din direct directed
    direction directive directives directly directories directory dirk dirty dis disable disabled
    disables disabling disallow disallowed disassemble discard discarded discarding discards disclaimed
    disclaimer disclaims disconnect disconnected discourse discover discovered discovery discussed
    discussion disfavored disjoint disk disks dispatch dispatcher displaced display displayed displaying
    displays dispose disposition distance distinct distinguish distribute distributed distributing
    distribution distributions distributors ditto dive divert divide dividend dividing division divisor
    dns doc docs document documentation documented documenting documents does doing domain domains don
    done door dos dot dots dotted double down downgrade download downloaded downloading downloads
    downstream dpi draft drain draw drawing drawn draws drew drive driver drivers drop dropped dropping
    drops dry dual due dumb dummy dump dumping dumps duplex duplicate duplicated duplicates duplication
    duration during dwarf dynamic dynamically dynamo dynamodb each eager earlier early ease easier
    easily east easy ebb ebs echo ecr ecs edge edges edit editable edited editing edition editor edits
    effect effective effectively effects efficiency efficient efficiently effort efs egg egress eight
    either eks elapsed elb element elements elf eliminate eliminated elliptic elm else elsewhere email
    embed embedded embedding embolden emit emits emitted emitting emoji emphasis employ empty emr
    emulation emulator emulators enable enabled enables enabling enclosed enclosing encode encoded
    encoder encodes encoding encountered encounters encouraged encrypt encrypted encryption end ended
    ending endings endless endorse ends enforce enforced enforcement engine engines enhance enhanced
    enhancement enhancements enough enroll ensemble ensure ensures ensuring enter entered entering
    enterprise entire entirely entities entitlement entitlements entity entries entropy entry enumerable
    enumerate enumerated enumeration env environment environments ephemeral epoch epsilon equal equality
    equals equivalent equivalents era erase erasure ere err erroneous error errors errs escape escaped
    escapes escaping esp especially essential essentially est establish established estimate etc ether
    euro evaluate evaluated evaluates evaluating evaluation even event events eventually ever every
    everything everywhere exact exactly examine example examples exceed exceeded exceeds except
    exception exceptions excess excessive exchange exchanged excl exclamation exclude excluded excludes
    excluding exclusion exclusive exec executable execute executed executes executing execution
    executions executor executors exemplary exercise exist existence existent existing exists exit
    exited exiting exits expand expanded expanding expands expansion expansions expect expected
    expecting expects expensive experience experiment experimental expiration expire expired expires
    expiry explain explained explaining explanation explicit explicitly explore exponent exponential
    export exported exporting exports expose exposed exposes express expressed expressible expression
    expressions extend extended extending extends extension extensions extent extents external
    externally extra extract extracted extracting extraction extraneous extras extreme extremely face
    facilities facility fact factor factors factory fad fail failed failing fails failure failures fair
    faith fake faked fall falling falls false families family fan far fashion fast faster fastest fat
    fatal fault faults favor fear feature features fed federation federations fedora fee feed feedback
    fellows fellowship fence fetch fetched fetching few fewer fib fiber fie field fields fifth figure
    file files fill filled filler filling fills filter filtered filtering filters final finalize finally
    find finder finding findings finds fine fingerprint fingerprints finish finished finite fire
    firewall firmware first fit fitness fits five fix fixed fixes fixing fixtures flag flags flaky flat
    flatten flavor fleet flex flexible float floating floats flock floor flow flush flushed flushing
    flux fly flyweight focus fold folder folders folding follow followed following follows font fonts
    foo foobar for forbid forbidden force forced forces forcing foreground foreign forever forget forgot
    forgotten fork forked forks form formal format formats formatted formatting formed former formerly
    forms formulas forward forwarded forwarding found foundation four fourth fractals fraction
    fractional frag fragment fragments frame frames framework frank free freed freeing freely frees
    freeze french frequency frequently friend friendly friends from front frozen ftp fudge fulfilled
    fulfills full fully fun function functional functionality functions fundamental furnished further
    furthermore fuse fusion future futures fuzz fuzzing fwd gadget gain gained gamma gap garbage garret
    gas gateway gateways gather gee gen general generalize generally generate generated generates
    generating generation generator generators generic generics geometries geometry get gets getting
    github gitlab give given gives giving glib glob global globally glossaries glossary glue glut glyph
    gnome gnu goal goes going gold gone good goods google got gov governed grab gracefully gradient
    grammar grammatical grant granted grants granularity graph graphical graphics graphite graphs grave
    gray great greater greatest green grep grid group grouped grouping groups grow growth guarantee
    guaranteed guarantees guard guards guess guest guide guidelines guile guts guy gyp hack hacking had
    half halt hand handle handled handler handlers handles handling handshake hang hangs happen happened
    happening happens happy hard harden hardening harder hardware harmless harmonize harms harness has
    hash hashed hashes hashing hat have haven having havoc hazmat head header headers heading heads
    health healthcare healthy heap height held hello help helper helpers helpful helps hence her here
    hereby heuristic heuristics hex hexadecimal hexagon hibernate hid hidden hide hiding hierarchies
    hierarchy high higher highest highlight highlighting highly hint hinting hints hip his histogram
    historical history hit hive hold holder holders holding holds hole holes home homepage honor honored
    hook hooks hop hope hopefully horizontal host hosted hosts hot hour hours house how however htm html
    http https hub hubs huge human humongous hunk hybrid hyperlink hyphen hyphenation hyphens iam ice
    icon icons id idea ideal ideas idempotent identical identically identification identified identifier
    identifiers identifies identify identifying identities identity idle ids ifs ignore ignored ignores
    ignoring iii illegal illustrates image images img immediate immediately immersive immutable imp
    impact impersonate impl implement implementation implementations implemented implementing implements
    implicit implicitly implied implies imply import important imported importing imports impossible
    improper improve improved improvement improvements improves inaccessible inactive inbound inc inch
    incidental include included includes including inclusion inclusive incoming incompatibility
    incompatible incomplete inconsistency inconsistent incorporate incorporated incorrect incorrectly
    increase increased increases increasing increment incremental incremented indeed indent indentation
    indented independent independently index indexed indexes indexing indicate indicated indicates
    indicating indication indicator indices indirect indirectly individual individually inexact
    inference inferior inferiors infinite infinity infix inflate info inform information informational
    infrastructure infringement ingestion ingress inherit inheritance inherited inherits inhibit init
    initial initialization initialize initialized initializes initializing initially initiated inject
    injected injection inline inner input inputs inquire ins insecure insensitive insert inserted
    inserting insertion insertions inserts inside insight insights inspect inspection inspector inspired
    install installation installations installed installing installs instance instances instant instead
    instruction instructions instructs instrumentation insufficient int integer integers integral
    integrate integrated integration integrity intel intelligence intended intent inter interact
    interaction interactive interacts intercept interconnect interconnects interest interested
    interesting interface interfaces interfere interference interior intermediate intermittent intern
    internal internally internals international internet interpolate interpolation interpret
    interpretation interpreted interpreter interrupt interrupted interruption interrupts intersection
    interval intervals into intrinsic intro introduce introduced introduces introduction introspection
    intrusive invalid invalidate invariant inventory inverse invert inverted invisible invitation
    invocation invocations invoke invoked invokes invoking involved involves involving ioctl ion
    irrespective island isolate isolated isolation issuance issue issued issues issuing italic itch item
    items iterate iterating iteration iterations iterator iterators its itself jack jam janitor jar jars
    java javadoc jay jest job jobs john join joined joining josh journal joystick js json jump just
    justification karma keep keeping keeps ken kept kernel kernels key keyboard keyed keys keyword
    keywords kid kill killed kind kinds kinesis king kit kms know known knows lab label labeled labels
    labs lack lacks lake lam lambda lance land lane language languages laptop large larger largest last
    late latency later latest latex latter launch launched launcher law laws layer layers layout lazily
    lazy lea lead leader leading leads leaf leak leaked leaking leaks leap learn learned lease least
    leave leaves leaving led lee left leftover legacy legal len length lengths lenient less lesser let
    lets letter letters level levels lexer lexical liability liable lib libraries library license
    licensed licensee licenses licensing life lifetime light lightweight like likely likewise limb limbs
    limit limitation limitations limited limiting limits line linear lines link linkage linked linker
    linking links lint lisp list listed listen listener listeners listening listing lists lit lite
    literal literals little live load loadable loaded loader loaders loading loads local locale locales
    localization localized locally locals locate located location locations lock locked locking locks
    log logged logger logging logic logical login logo logs long longer longest look looked looking
    looks lookup loop looping loops loose lose loss lost lot lots low lower lowercase lowest lustre
    machine machinery machines macro macros made magic magnitude mail mailbox mailing main mainly
    maintain maintained maintainer maintainers maintaining maintains maintenance major make maker makes
    making malformed malicious man manage managed management manager managers manages managing mandatory
    mangled mangling manifest manifests manipulate manipulating manipulation manner manual manually
    manuals manufacturer many map mapped mapping mappings maps mar march margin mark markdown marked
    marker markers marking marks markup martin mas mask masked masking masks master mat match matched
    matches matching material materialized materials math matrix matt matter maven max maximal maximum
    may maybe mean meaning meaningful means meant measure measured measurement measures measuring
    mechanism mechanisms med media medium meet megabytes member members membership memberships memory
    men mention mentioned menu menus merely merge merged merges merging mesa mesh message messages met
    meta metal meter method methods metric metrics mfa microseconds mid middle midnight might migrate
    migration migrations mike miller millisecond milliseconds mime min mini minimal minimize minimized
    minimum minor minus minute minutes mirror mirrored mirroring mirrors misc miscellaneous misleading
    mismatch mismatched misplaced miss missed misses missing mistake mistakenly mistakes mitigate mix
    mixed mixing mock mocked mocks mod modal mode model models modern modernize modes modification
    modifications modified modifier modifiers modifies modify modifying mods modular module modules
    modulo modulus moire moment monitor monitored monitoring monitors monkey mono monotonic month months
    more moreover most mostly motion mount mounted mounting mounts mouse move moved moves moving much
    multi multiple multiplication multiplied multiplier multiply multiprocessing must mutable mutating
    mutation mute mutual mutually myself nails name named namely names naming nanoseconds narrow
    national native natural navigation near nearest necessarily necessary need needed needing needs neg
    negate negative negligence negotiate negotiated negotiation neither neon nest nested nesting net
    nettle network networking networks never nevertheless new newer newest newline newlines newly news
    next nice nicer nick nil nlb nobody node nodes noise noisy non nonce none nonexistent nonstandard
    nonzero nor norm normal normalization normalize normalized normally northeast not notable notably
    notation note notebook notebooks noted notes noteworthy nothing notice noticed notices notification
    notifications notify now npm nth null nulls num numb number numbered numbering numbers numeric
    numerical numerous oath obj object objective objects oblique obscure observe observed observer
    obsolete obsoleted obtain obtained obtaining obvious obviously occasionally occur occurred
    occurrence occurrences occurs octal octet octets odd off offer offered offers official offline
    offload offset offsets often old older omega omit omitted omitting once one ones online only onto
    oops opaque open opened opening opens opera operand operands operate operates operating operation
    operational operations operator operators opposed opposite ops opt optimal optimization
    optimizations optimize optimized optimizer option optional optionally options opts oracle order
    ordered ordering orderings orders ordinarily ordinary org organization organizations orientation
    oriented origin original originally origins orphan orthography other others otherwise our out
    outbound outcome outdated outer outgoing outline output outputs outside outstanding over overall
    overflow overflows overhead overlap overlapping overlay overload overloaded overly overridden
    override overrides overriding overrun overs overview overwrite overwriting overwritten own owned
    owner owners ownership owns pack package packaged packages packaging packed packet packets packs pad
    padded padding page pager pages paging paint pair pairs palette pane panel panic paper par paragraph
    paragraphs parallel parallelism param parameter parameters params parent parentheses parenthesis
    parents parity parse parsed parser parses parsing part partial partially particular particularly
    parties partition partitioned partitions partner parts party pas pass passed passes passing passive
    password passwords past paste pat patch patched patches patent path paths pattern patterns pause
    paused payload peak peek peer peered peering peers pending people pep per percent percentage perfect
    perform performance performed performing performs perhaps perimeter perimeters period periodic perm
    permanent permanently permission permissions permissive permit permits permitted permute persist
    persistent person personal personality persons pertaining peter phase phoenix phone photo phrase
    physical pick pickaxe picked picker pickle picture pie piece pieces pin ping pinned pip pipe piped
    pipeline pipelines pipes pitch pixel pixels pkg place placed placeholder placement places plain plan
    plane planes planner plans platform platforms play playground please plug plugin plugins plural plus
    pod pods point pointed pointer pointers pointing points policies policy polish poll polling polygon
    polymorphic polynomial pool pools poor pop populate populated porcelain port portability portable
    portal ported porter porting portion portions portrait ports position positional positioning
    positions positive positives possibility possible possibly post posture pot potential potentially
    pound pour power practice preamble preceded precedence preceding precise precisely precision
    precondition predefined predicate predicates predict prediction prefer preference preferences
    preferred prefix prefixed prefixes prefixing preliminary premature prep preparation prepare prepared
    preparing prerequisites presence present presentation presented preserve preserved preserves preset
    press pressure pretty prevent prevented preventing prevention prevents preview previous previously
    primarily primary prime primes primitive primitives principal principals print printable printed
    printer printers printing prints prior priorities priority prism privacy private privilege
    privileged privileges pro probably probe probing problem problematic problems procedure procedures
    proceed process processed processes processing processor processors procurement prod produce
    produced producer produces producing product production products prof profile profiles profiling
    profits program programme programmer programmers programming programs progress progressive prohibit
    prohibited project projections projects prologue promiscuous promise promises promote prompt
    prompted prompting prompts proof prop propagate propagated propagation proper properly properties
    property proposal proposed props protect protected protection protocol protocols prototype
    prototypes provide provided provider providers provides providing provision provisioned provisioning
    proxies proxy prune pseudo pub public publication publicity publicly publish published publisher
    publishing pull pullback pulled pulls punctuation pure purge purpose purposes push pushed pushing
    put puts putting python qualified qualifier qualifiers qualify quality quantity quantum quartz
    queried queries query querying question questions queue queued queues quick quickly quiet quilt
    quirk quirks quit quite quota quotas quotation quote quoted quotes quotient quoting race races racy
    raid raise raised raises raising ram ran random randomness range ranges rare rarely rate rather
    ratio rational rationale raw ray rds reach reachable reached reaches read readability readable
    reader readers reading reads ready real really realm rearrange reason reasonable reasonably reasons
    rebuild rebuilt receive received receiver receives receiving recent recently recipe recipient
    recipients reclaim recognition recognize recognized recognizes recommend recommendation
    recommendations recommended recommends record recorded recorder recording records recover recovery
    recreate rectangle rectangles recursion recursive recursively red redefine redefinition redirect
    redirected redirection redirects redistribute redistribution redshift reduce reduced reduces
    reducing reduction redundant ref refer reference referenced references referencing referred
    referring refers refine reflect reflected reflection reformat refresh refs refuse refused refuses
    regard regarding regardless regenerate regenerated regents regexp region regional regions register
    registered registering registers registration registrations registry regress regression regressions
    regular regulator reinterpret reject rejected rejection rejections rejects related relates relation
    relationship relative relatively relax relaxed release released releases releasing relevant reliable
    reliably relied relies reload relocatable relocate relocated relocation rely relying remain
    remainder remaining remains remark remember remote remotes removal remove removed removes removing
    rename renamed renames renaming render rendered rendering reorder reordered reordering reorganize
    rep repair repeat repeated repeatedly repeating repeats repetition replace replaceable replaced
    replacement replacements replaces replacing replay replica replicas replication replies reply report
    reported reporter reporting reports repositories repository represent representation representations
    represented representing represents reproduce reproducible request requested requesting requests
    require required requirement requirements requires requiring rerun reschedule research reservation
    reservations reserve reserved reset resets resetting resident resides resolution resolve resolved
    resolver resolves resolving resource resources resp respect respective respectively respond response
    responses responsibility responsible rest restart restarted restore restored restores restoring
    restrict restricted restriction restrictions result resulted resulting results resume resumed
    resumption retain retained retains retention retries retrieval retrieve retrieved retrieves
    retrieving retry retrying return returned returning returns reuse reused rev reverse reversed revert
    reverted reverts review reviewed revise revised revision revisions revocation revoke revoked reword
    rework rewrite rewriting rewritten rewrote rich rid right rights ring rings risk rob robin robot
    robust robustness rod roger role roles roll rollback rolling roman room root roots rot rotate
    rotated rotation round rounded rounding rounds route router routes routine routines routing row rows
    royalty rpm rte ruby rule rules run runner running runs rust safe safely safer safety sagemaker said
    sale salsa salt same sample samples sampling sandbox sanitize sanity sans sat satisfy savannah save
    saved saver saves saving savings sax say says scalar scalars scale scaled scaling scan scanned
    scanner scanning scans scatter scenario scenarios schedule scheduled scheduler schedules scheduling
    schema scheme schemes scientific scope scoped scopes score scratch screen script scripting scripts
    scroll scrolling sdk sea seal sealed search searched searches searching sec second secondary seconds
    secret secrets sect section sections secure security sedan see seed seek seem seems seen segfault
    segfaults segment segmentation segmented segments select selected selecting selection selections
    selector selectors selects self sell semantic semantically semantics semaphore semi semicolon send
    sender sending sends sense sensible sensitive sensors sent sentence sentinel separate separated
    separately separator separators sequence sequencer sequences sequential sequentially sera serial
    serialization serialize serialized series serious serpent serve server servers serves service
    serviceable services serving ses session sessions set sets settable setter setting settings setup
    several severity shadow shadowed shah shake shall shallow shape shapes shaping share shared shares
    sharing sharp sheikh shell shells shielded shift shifted shifting shims ship shipped short shortcut
    shorten shorter shorthand should show showing shown shows shrink shuffle shut shutdown sics side
    sign signal signaling signals signature signatures signed signer significant significantly signing
    signs silence silent silently silicon sim similar similarly simple simpler simplification simplified
    simplifies simplify simply simulate simulation simultaneously sin since single singleton singly sink
    sinks sit site situation situations six size sized sizes skeleton skip skipped skipping skips slab
    slang slant slash slashes slave sleep slice slightly slot slots slow slower small smaller smallest
    smart smith smoke smooth snapshot snapshots snippet snippets snooze sns soaking sock socket sockets
    socks soft software sol sole solid solution solve some somehow someone something sometimes somewhat
    somewhere soon sort sorted sortie sorting sound source sources southeast space spaces spacing span
    spanner spare spark sparse spawn spawned spawning spec special specialize specialized specially
    specific specifically specification specifications specified specifier specifiers specifies specify
    specifying specs speculation speech speed speeds speedup spell spelling spent sphinx spin spirit
    splat splice split splits splitting spoke spokes spoof spot spotted spread spurious sqs square
    squash src ssh ssl stability stable stabs stack stacks stage staging stale stamp standard standards
    standby standing star start started starting starts startup stash stat state stated statement
    statements states static statically statistics stats status stay stdio step stepping steps stereo
    sticky still stock stone stop stopped stopping stops storage store stored stores storing str strange
    strategies strategy stray stream streaming streams strength stress strict stricter strictly stride
    string strings strip stripped stripping stroke strong strongly structure structured structures sts
    stub stubs stuck studio stuff style styled styles sub subclass subject submission submit submitted
    submitting subordinate subscribe subscriber subscribers subscript subscription subscriptions
    subsection subsections subsequent subsequently subset substantial substitute substituted
    substitution substitutions subsystem subtle subtract succeed succeeded succeeds success successful
    successfully successive such sufficient sufficiently suffix suffixes suggest suggested suggestion
    suggestions suggests suitability suitable suite suites sum summary sums sun sup super superfluous
    superseded superuser supervised supplemental supplementary supplied supply supplying support
    supported supporting supports supposed suppress suppressed suppresses suppression sure surface surge
    surrey surrogate surrogates surrounding sushi suspend suspended swap swapped swift switch switched
    switches switching symbol symbolic symbols symmetric sync synced synchronization synchronize
    synchronized synchronous synchronously synonym synopsis syntax synthetic system systems tab table
    tables tabs tag tagged tags tail take taken takes taking talk tan tangent tap tape tar tarball
    tarballs target targeted targets task tasks taxonomies taxonomy tcp teach team teams technical
    technology tee tell tells temp template templates temporal temporarily temporary ten tenancy tenant
    tensor term terminal terminals terminate terminated terminates terminating termination terminator
    terms test tested testing tests text texts textual than thanks that the their them theme themselves
    then theory there therefore thereof thermal these they thin thing things think third this those
    though thread threaded threading threads threat three threshold thresholds through throughout
    throughput throw throwing thrown throws thumb thus tic tick ticket tickets tidy tie tier tiff
    tighten tilde tile till time timed timeline timer timers times timestamp timestamps timezone timing
    tiny tip title titles tls tmp today tofu together toggle token tokens told tolerate tom tony too
    took tool toolkit tools top topic topics topology tor tort tot total touch tout toward towards trace
    tracer traces tracing track tracked tracker tracking tracks trademark traditional traffic trail
    trailer trailers trailing training traits trans transaction transactions transfer transferred
    transferring transfers transform transformation transformations transformed transforms transient
    transition transitional transitions transitive translate translated translates translation
    translations translator transmission transmit transmitted transparency transparent transparently
    transport transports trap traverse treat treated treatment treats tree trees tried tries trigger
    triggered triggering triggers trim trip triple trips trivia trivial trouble true truncate truncated
    truncating truncation trunk trust trusted try trying tucker tune tuning tunnel tunnels turn turned
    turner turns tutorial tweak tweaks twice two type typed types typical typically typing typo typos
    udp ugly ultimately unable unavailable unbind unbound unbounded unbreakable unchanged unchecked
    uncompressed unconditional unconditionally undefined under underflow underline underlying underscore
    underscores understand understands understood undo undocumented unexpected unfortunately unhealthy
    unified uniform unify unimplemented uninitialized uninstall union unions unique uniquely unit units
    universal university unknown unless unlike unlikely unlimited unload unloading unlock unlocked
    unmodified unnamed unnecessarily unnecessary unneeded unpack unprivileged unprotected unquoted
    unreachable unrecognized unrelated unresolved unsafe unset unsigned unspecified unstable unsupported
    untested until unusable unused unusual unwanted unwind unwrap unwrapped unzip upcoming update
    updated updates updating upgrade upgraded upgrades upgrading upload uploaded upon upper uppercase
    ups upstream urgency uri url usable usage usages use used useful useless user username
    usernames users uses using usr usual usually utf util utilities utility utilization utils uuid
    vacuum valid validate validated validating validation validity valor value valued values van var
    variable variables variant variants variation variations variety various vars vary vault vaults
    vector vectors veld vendor verbatim verbose verbosity verification verified verifies verify
    verifying verity version versions versus vertex vertical very vex via vice victor video view viewer
    views vim violation violations virtual visibility visible vision visit visitor visual void volatile
    volume volumes vpc vulnerabilities vulnerability vulnerable wait waiting waits wake walk walker wall
    want wanted wants ware warn warning warnings warns warranties warranty was watch watchdog watched
    watcher water wave way ways weak web website wed week weekday weekly weight weighted weird well went
    were west what whatever whatsoever wheel wheels when whenever where whereas whether which while
    white who whole whom whose why wide widely widget widgets width wiki will win window windows wine
    wing winter wire wish with within without won word wording words work workaround workarounds
    workbench worked worker workers workflow workflows workforce working workload workloads works
    workstation workstations world worst worth would wrap wrapped wrapper wrappers wrapping wraps
    writable write writer writers writes writing written wrong wrongly wrote www xml xor xterm xxx yahoo
    yaml yap year years yes yet yield yields yml you young your yourself yum zap zero zeroed zeroes
    zeroing zeros zip zonal zone zoned zones zoo
    """
}
