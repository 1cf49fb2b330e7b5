import re, sys
CAT = "The catalog file to use. Without it NodeOps uses $env:NODEOPS_CATALOG, and when that is not set ~/.nodeops/catalog.db (Linux, macOS) or %LOCALAPPDATA%\\NodeOps\\catalog.db (Windows)."
COMMON_FANOUT = {
 "NodeId": "Target nodes by id or name. Accepts strings and piped ManagedNode objects (by their NodeId property). Combined with -Tag: nodes named here plus nodes matching every tag.",
 "Tag": "Key=Value conditions; nodes matching all of them are targeted, in addition to -NodeId.",
 "MaxConcurrency": "How many nodes run at once: a count (\"10\") or a percentage of the targets (\"25%\"). Default 50, as in Run Command.",
 "MaxErrors": "How many nodes may fail before no new node is started: a count or a percentage. Default 0: the first failure stops new starts (nodes already running finish).",
 "TimeoutSeconds": "Execution limit per node in seconds, covering the scan, the install, a reboot and the wait for the node to come back. Default 3600.",
 "ConnectTimeoutSeconds": "How long connecting to a node may take before it is Undeliverable. Default 15.",
 "Comment": "A comment stored with the command record (up to 100 characters).",
 "Wait": "Wait for every node (the default). -Wait:$false returns the command record at once and the run goes on in the background of this session.",
 "AsJob": "Run as a PowerShell job (NodeCommandJob); Receive-Job returns the invocations.",
}
D = {}
def doc(name, synopsis, description, examples, params, inputs, outputs, notes, links, whatif=None, confirm=None):
    D[name] = dict(synopsis=synopsis, description=description, examples=examples, params=params, inputs=inputs, outputs=outputs, notes=notes, links=links, whatif=whatif, confirm=confirm)

BASE_PARAMS = {
 "Description": "A description of the baseline, up to 1024 characters.",
 "GlobalFilter": "Filters every update must pass before any rule looks at it, as \"KEY=value1,value2\" strings (or PatchFilter objects). Keys: PRODUCT (e.g. Debian12, Ubuntu24.04, WindowsServer2022), CLASSIFICATION (apt: Security or Bugfix), SEVERITY / MSRC_SEVERITY (Windows, dnf), PRIORITY and SECTION (apt: the package's Priority and Section fields), PATCH_ID or NAME (the package name); values may use * and ?. PATCH_SET, PRODUCT_FAMILY and the other SSM keys are accepted and do not narrow where the OS has no such data. At most 5 filters, one per key.",
 "ApprovalRule": "Approval rules, tried in order; the first that approves an update gives it its compliance level. Each is a hashtable: Filter (filter strings as for -GlobalFilter), ApproveAfterDays (0 to 360 days after the release date) or ApproveUntilDate (YYYY-MM-DD: released on or before that day), ComplianceLevel (Critical, High, Medium, Low, Informational, Unspecified) and EnableNonSecurity (Linux: also approve updates from non-security repositories; without it a rule only approves security updates). PatchRule objects from Get-PatchBaseline are accepted too. At most 10 rules.",
 "ApprovedPatch": "Package-name globs (KB ids on Windows) approved whatever the rules say, at -ApprovedPatchesComplianceLevel. On Linux a non-security update is approved this way only with -ApprovedPatchesEnableNonSecurity. An approved name that no node has installed is reported NotApplicable. Up to 50.",
 "ApprovedPatchesComplianceLevel": "The compliance level of patches approved by -ApprovedPatch. Default Unspecified.",
 "ApprovedPatchesEnableNonSecurity": "Linux: let -ApprovedPatch approve updates from non-security repositories too.",
 "RejectedPatch": "Package-name globs (KB ids on Windows) never approved, whatever the rules say. Up to 50.",
 "RejectedPatchesAction": "AllowAsDependency (default): a rejected package is never installed for itself but may come in as another package's dependency; an installed one is InstalledOther. Block: it is never installed, not even as a dependency (the install pins it away for its duration), and an installed one is InstalledRejected, which makes the node non-compliant.",
 "Source": "Alternate package sources (Linux), as hashtables with Name, Products and Configuration (the repository definition text, e.g. a sources.list line). Kept with the baseline and exported; NodeOps does not yet write them to nodes (see about_NodeOps_Patching).",
 "BaselineTag": "Tags on the baseline itself, as a hashtable.",
}
WI = "Shows what would happen and changes nothing."
CF = "Asks for confirmation first."

doc("New-PatchBaseline",
 "Creates a patch baseline: which updates nodes of one operating system should have.",
 """New-PatchBaseline stores a baseline in the catalog with SSM's fields: global filters, approval rules
(filters, ApproveAfterDays or ApproveUntilDate, compliance level, EnableNonSecurity), approved and rejected
patches, RejectedPatchesAction and alternate sources. The baseline gets an id like SSM's (pb- and 17 hex
digits); names are unique.

Nodes use a baseline when their PatchGroup tag names one of its patch groups (-PatchGroup, or
Register-PatchBaselineForPatchGroup later), or when it is the default of their operating system (-Default,
or Set-DefaultPatchBaseline later). Until another is made default, each operating system uses the baseline
NodeOps ships (NodeOps-<OS>DefaultPatchBaseline: security updates approved 7 days after release).

Everything is checked before anything is written: a bad filter key, more than 10 rules, ApproveAfterDays
outside 0-360, both ApproveAfterDays and ApproveUntilDate in one rule, or a name in use ends the command
with an error and leaves the catalog as it was.""",
 [("Security updates after 3 days, everything else after 14", """New-PatchBaseline -Name web-debian -OperatingSystem Debian -ApprovalRule @(
    @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 3; ComplianceLevel = 'Critical' },
    @{ Filter = 'CLASSIFICATION=*'; ApproveAfterDays = 14; ComplianceLevel = 'Low'; EnableNonSecurity = $true }
)""", "Security updates are approved three days after their suite's release date and count as Critical when missing; other updates after 14 days, as Low."),
  ("A baseline for one patch group that blocks a package", """New-PatchBaseline -Name db-frozen -OperatingSystem Ubuntu -PatchGroup db -RejectedPatch 'postgresql-*' -RejectedPatchesAction Block `
    -ApprovalRule @{ Filter = 'CLASSIFICATION=Security', 'PRIORITY=required,important'; ApproveUntilDate = '2026-06-30' }""",
   "Nodes tagged PatchGroup=db get security updates of priority required or important released up to June 30; PostgreSQL packages are never installed, and a node that has one is non-compliant."),
 ],
 dict(Name="The baseline's name: 3 to 128 letters, digits, '_', '-' or '.'; unique in the catalog.",
      OperatingSystem="The operating system the baseline is for: Debian, Ubuntu, RedhatEnterpriseLinux, Rocky, AlmaLinux, AmazonLinux2023, Suse or Windows. A node uses only baselines of its own operating system.",
      PatchGroup="Patch groups (values of the PatchGroup tag) whose nodes use this baseline. A group has one baseline per operating system.",
      Default="Make it the default baseline of its operating system.", **BASE_PARAMS),
 [("System.String", "Name and OperatingSystem bind by property name, so objects with those properties (for example Import-Csv rows) can be piped in.")],
 [("NodeOps.Core.Models.PatchBaseline", "The baseline as stored, with its new BaselineId.")],
 "Error ids: InvalidPatchBaseline (InvalidArgument), PatchBaselineNameInUse (ResourceExists), PatchBaselineInUse (ResourceExists: the patch group already uses another baseline for this OS). Every call is written to the audit trail.",
 ["Get-PatchBaseline", "Set-PatchBaseline", "Import-PatchBaseline", "Register-PatchBaselineForPatchGroup", "about_NodeOps_Patching"],
 WI, CF)

doc("Get-PatchBaseline",
 "Lists patch baselines: the defaults NodeOps ships and the catalog's own.",
 """Get-PatchBaseline writes every baseline (or those named) with its rules, patch lists, patch groups
(PatchGroups) and whether it is its operating system's default (IsDefault). The baselines NodeOps ships,
one per operating system (NodeOps-<OS>DefaultPatchBaseline, ids pb-nodeops-<os>), are listed too
(IsBuiltIn): they approve security updates 7 days after release and cannot be changed, but can be exported,
edited and imported as a new baseline.

-BaselineId takes ids or names; with wildcards it matches either. A name or id without wildcards that
matches nothing writes a PatchBaselineNotFound error.""",
 [("Every default baseline", "Get-PatchBaseline -DefaultOnly", "One line per operating system: the baseline its nodes use when their patch group has none registered."),
  ("One baseline's rules", "(Get-PatchBaseline web-debian).ApprovalRules", "Each rule's filters, ApproveAfterDays or ApproveUntilDate, ComplianceLevel and EnableNonSecurity.")],
 dict(BaselineId="Baseline ids or names; wildcards match either. Accepts pipeline input.",
      OperatingSystem="Only baselines of this operating system.", DefaultOnly="Only each operating system's default baseline."),
 [("System.String", "Baseline ids or names.")],
 [("NodeOps.Core.Models.PatchBaseline", "One object per baseline.")],
 "Error ids: PatchBaselineNotFound (ObjectNotFound, non-terminating, per name).",
 ["New-PatchBaseline", "Set-DefaultPatchBaseline", "Export-PatchBaseline"])

doc("Set-PatchBaseline",
 "Changes a patch baseline; fields not given keep their value.",
 """Set-PatchBaseline replaces the fields it is given (a whole list at a time: -ApprovalRule replaces all
rules, -RejectedPatch all rejected patches) and keeps the others. The changed baseline is checked whole
before it is written, in one transaction; an invalid change leaves the stored baseline as it was. The
operating system cannot change, and the baselines NodeOps ships cannot be changed (PatchBaselineReadOnly):
export one, edit the copy and import that. Patch groups are changed with Register-PatchBaselineForPatchGroup
and the default with Set-DefaultPatchBaseline.

The next scan or install of the baseline's nodes uses the new rules; stored compliance is not recomputed
until then.""",
 [("Approve security updates sooner", "Set-PatchBaseline web-debian -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 1; ComplianceLevel = 'Critical' }", "Replaces the rules of web-debian with one rule."),
  ("Clear the rejected patches of several baselines", "Get-PatchBaseline 'web-*' | Set-PatchBaseline -RejectedPatch @()", "Baselines bind to -BaselineId by their BaselineId property.")],
 dict(BaselineId="The baseline's id or name. Accepts pipeline input by value and by property name.", NewName="A new name for the baseline (unique).", **BASE_PARAMS),
 [("System.String", "A baseline id or name."), ("NodeOps.Core.Models.PatchBaseline", "Baselines from Get-PatchBaseline bind by their BaselineId property.")],
 [("NodeOps.Core.Models.PatchBaseline", "The baseline as stored after the change.")],
 "Error ids: PatchBaselineNotFound, PatchBaselineReadOnly (PermissionDenied), InvalidPatchBaseline, PatchBaselineNameInUse. Every call is written to the audit trail.",
 ["Get-PatchBaseline", "New-PatchBaseline"], WI, CF)

doc("Remove-PatchBaseline",
 "Removes patch baselines and their patch group registrations.",
 """Remove-PatchBaseline deletes each baseline and the patch groups registered to it (their nodes fall back
to their operating system's default baseline). A baseline that is its operating system's default cannot be
removed (PatchBaselineInUse): make another the default first. The baselines NodeOps ships cannot be
removed (PatchBaselineReadOnly). Stored compliance that was computed with a removed baseline stays until
the nodes are scanned again.""",
 [("Remove a baseline after a preview", "Remove-PatchBaseline web-debian -WhatIf\nRemove-PatchBaseline web-debian", "The first line shows what would be removed."),
  ("Remove every test baseline", "Get-PatchBaseline 'test-*' | Remove-PatchBaseline -Confirm", "Asks before each.")],
 dict(BaselineId="Baseline ids or names. Accepts pipeline input by value and by property name."),
 [("System.String", "Baseline ids or names."), ("NodeOps.Core.Models.PatchBaseline", "Baselines from Get-PatchBaseline.")],
 [("None", "Nothing is returned.")],
 "Error ids: PatchBaselineNotFound, PatchBaselineReadOnly, PatchBaselineInUse (non-terminating, per baseline). ConfirmImpact is Medium. Every call is written to the audit trail.",
 ["Get-PatchBaseline", "Set-DefaultPatchBaseline"], WI, CF)

doc("Import-PatchBaseline",
 "Creates baselines from CloudFormation AWS::SSM::PatchBaseline definitions in YAML or JSON.",
 """Import-PatchBaseline reads a CloudFormation template and creates one baseline per
AWS::SSM::PatchBaseline resource in it (the resource's Name, else its logical id, names the baseline). A
single resource (Type and Properties) or a bare Properties map is read as well. All of SSM's properties
are read: OperatingSystem (WINDOWS, DEBIAN, UBUNTU, REDHAT_ENTERPRISE_LINUX, ROCKY_LINUX, ALMA_LINUX,
AMAZON_LINUX_2023, SUSE, ...), GlobalFilters, ApprovalRules.PatchRules (PatchFilterGroup, ApproveAfterDays,
ApproveUntilDate, ComplianceLevel, EnableNonSecurity), ApprovedPatches with their compliance level and
EnableNonSecurity, RejectedPatches, RejectedPatchesAction, Sources, Tags, PatchGroups (registered) and
DefaultBaseline (made default). JSON is read as YAML.

Every baseline in the file is read and checked before the first is stored; a bad one ends the command
with InvalidPatchBaseline naming what is wrong. The example in the AWS CloudFormation reference imports
unchanged.""",
 [("Import the CloudFormation example", "Import-PatchBaseline ./patch-baseline.yaml", "Creates myPatchBaseline (Windows) with its two rules and registers it for myPatchGroup."),
  ("Import from text", "$text = Export-PatchBaseline NodeOps-DebianDefaultPatchBaseline\nImport-PatchBaseline -Content ($text -replace 'NodeOps-DebianDefaultPatchBaseline', 'debian-copy')", "Copies a shipped baseline under a new name, to edit it.")],
 dict(Path="The template file (YAML or JSON). Accepts pipeline input (FullName of file objects).", Content="The template text itself."),
 [("System.String", "File paths."), ("System.IO.FileInfo", "Files bind by their FullName property.")],
 [("NodeOps.Core.Models.PatchBaseline", "One object per baseline created.")],
 "Error ids: PatchBaselineFileUnreadable (ReadError), InvalidPatchBaseline (InvalidArgument), PatchBaselineNameInUse, PatchBaselineInUse. Every call is written to the audit trail.",
 ["Export-PatchBaseline", "New-PatchBaseline", "about_NodeOps_Patching"], WI, CF)

doc("Export-PatchBaseline",
 "Writes baselines as a CloudFormation template (AWS::SSM::PatchBaseline resources), YAML or JSON.",
 """Export-PatchBaseline writes one template holding an AWS::SSM::PatchBaseline resource per baseline given,
with SSM's property names and values (OperatingSystem DEBIAN, RejectedPatchesAction BLOCK, ComplianceLevel
CRITICAL, ...), so it can be imported again or used in CloudFormation. Without -Path the text goes to the
pipeline. The file is written whole (a temporary file, then renamed); an existing file needs -Force.""",
 [("Export to YAML", "Export-PatchBaseline web-debian -Path ./web-debian.yaml", "Writes the template and returns the file."),
  ("Export every baseline as JSON", "Get-PatchBaseline | Export-PatchBaseline -Path ./baselines.json -Force", "JSON because of the extension; -Format Json forces it for any name.")],
 dict(BaselineId="Baseline ids or names. Accepts pipeline input.", Path="The file to write; without it the template is written to the pipeline.", Format="Yaml or Json. By default Json when -Path ends in .json, else Yaml.", Force="Overwrite an existing file."),
 [("System.String", "Baseline ids or names."), ("NodeOps.Core.Models.PatchBaseline", "Baselines from Get-PatchBaseline.")],
 [("System.String", "The template, without -Path."), ("System.IO.FileInfo", "The file written, with -Path.")],
 "Error ids: PatchBaselineNotFound, PatchBaselineFileUnreadable (the file exists without -Force, or cannot be written).",
 ["Import-PatchBaseline", "Get-PatchBaseline"], WI, CF)

doc("Set-DefaultPatchBaseline",
 "Makes a baseline the default of its operating system.",
 """Nodes of an operating system use its default baseline unless their PatchGroup tag names a group with a
baseline registered for that operating system. Set-DefaultPatchBaseline makes the given baseline the
default of its operating system (the previous default stays, no longer default). The baselines NodeOps
ships are the defaults until another is set, and can be made default again.""",
 [("Use your own Debian baseline by default", "Set-DefaultPatchBaseline web-debian", "Every Debian node without a registered patch group now uses web-debian."),
  ("Go back to the shipped default", "Set-DefaultPatchBaseline NodeOps-DebianDefaultPatchBaseline", "")],
 dict(BaselineId="The baseline's id or name. Accepts pipeline input."),
 [("System.String", "A baseline id or name."), ("NodeOps.Core.Models.PatchBaseline", "A baseline from Get-PatchBaseline.")],
 [("NodeOps.Core.Models.PatchBaseline", "The baseline, now IsDefault.")],
 "Error ids: PatchBaselineNotFound. Every call is written to the audit trail.",
 ["Get-PatchBaseline", "Register-PatchBaselineForPatchGroup"], WI, CF)

doc("Register-PatchBaselineForPatchGroup",
 "Makes nodes tagged PatchGroup=<group> use a baseline for its operating system.",
 """A patch group is a value of the PatchGroup tag on managed nodes (Add-ManagedNodeTag -Tag @{ PatchGroup = 'web' }).
Register-PatchBaselineForPatchGroup makes the nodes of that group use the baseline for its operating
system; a group has one baseline per operating system, so registering a second baseline of the same
operating system for a group is refused (PatchBaselineInUse). Nodes whose group has no baseline for their
operating system use the default.""",
 [("Register a group", "Register-PatchBaselineForPatchGroup -BaselineId web-debian -PatchGroup web\nAdd-ManagedNodeTag -Tag Role=web -NewTag @{ PatchGroup = 'web' }", "Debian nodes tagged PatchGroup=web now use web-debian.")],
 dict(BaselineId="The baseline's id or name.", PatchGroup="The PatchGroup tag value (1 to 256 characters)."),
 [("NodeOps.Core.Models.PatchBaseline", "BaselineId binds by property name.")],
 [("NodeOps.Core.Models.PatchBaseline", "The baseline with its PatchGroups.")],
 "Error ids: PatchBaselineNotFound, PatchBaselineInUse (ResourceExists), InvalidPatchBaseline. Every call is written to the audit trail.",
 ["New-PatchBaseline", "Get-PatchBaseline"], WI, CF)

doc("Invoke-PatchScan",
 "Scans nodes against their patch baseline and stores their patch compliance; installs nothing.",
 """Invoke-PatchScan runs the built-in document NodeOps-RunPatchBaseline with Operation=Scan on the targets,
as a Run Command: the same targeting, MaxConcurrency/MaxErrors, timeouts, history (Get-NodeCommand),
progress, -AsJob and Ctrl+C.

On each node it refreshes the package lists (apt-get update), reads what is installed (dpkg) and every
version the node's repositories offer for those packages, with the origin, suite and Release date of the
suite each comes from (a -security suite is Security, anything else Bugfix), and its Priority and Section.
The node's baseline (its PatchGroup tag's registered baseline, else the default for its operating system)
then decides, per package: Installed, InstalledOther, InstalledPendingReboot, InstalledRejected, Missing
(with the newest approved version), Failed (a half-installed package) or NotApplicable, with the
compliance level of the rule that approved it. The result replaces the node's stored compliance in one
transaction (Get-PatchCompliance, Get-PatchComplianceSummary).

A scan changes nothing on the node but apt's lists. Nodes without apt (dnf, zypper) fail with
PatchingNotSupported; Windows nodes scan through a scheduled task (unverified, see about_NodeOps_Patching).""",
 [("Scan the web servers", "Invoke-PatchScan -Tag Role=web", "One invocation per node; then Get-PatchCompliance -Tag Role=web -NonCompliant lists what is missing."),
  ("Scan everything, gently", "Get-ManagedNode | Invoke-PatchScan -MaxConcurrency 10% -MaxErrors 5 -AsJob", "At most a tenth of the nodes at once, as a job.")],
 dict(COMMON_FANOUT),
 [("System.String", "Node ids or names."), ("NodeOps.Core.Models.ManagedNode", "Nodes bind by their NodeId property.")],
 [("NodeOps.Core.Models.NodeCommandInvocation", "One per node: Success when the scan ran (whatever it found), with a summary in StandardOutput."), ("NodeOps.Core.Models.NodeCommand", "With -Wait:$false."), ("NodeOps.Common.NodeCommandJob", "With -AsJob.")],
 "Per-node error ids: PatchOperationFailed, PatchingNotSupported, and Run Command's connection errors. Every call is written to the audit trail.",
 ["Install-NodePatch", "Get-PatchCompliance", "Get-PatchComplianceSummary", "about_NodeOps_Patching"], WI, CF)

doc("Install-NodePatch",
 "Installs the approved updates nodes miss, with before/after versions, reboot handling and a re-scan.",
 """Install-NodePatch runs the built-in document NodeOps-RunPatchBaseline with Operation=Install (Run Command
targeting, rate control, history, -AsJob). On each node it scans as Invoke-PatchScan does, then installs
exactly the approved versions of the Missing packages (apt-get install --only-upgrade name=version; nothing
the baseline does not approve, never a rejected package, and with RejectedPatchesAction Block not even as a
dependency), then scans again and records each package's version before and after.

If the node then needs a reboot (/var/run/reboot-required on Debian and Ubuntu; needs-restarting on dnf and
the pending-reboot keys on Windows are read by those paths) and -RebootOption is RebootIfNeeded, NodeOps
stores what it has so far, runs the reboot command (the PatchRebootCommand preference, by default
shutdown -r now), waits for the node to stop answering and to answer again (within -TimeoutSeconds), opens
a new session and scans once more. With NoReboot the patches stay InstalledPendingReboot.

A node whose install fails does not stop the others (within -MaxErrors); its invocation is Failed with
PatchOperationFailed, and its compliance shows which packages were updated and which failed (a partial
install).""",
 [("Patch the web servers without rebooting", "Install-NodePatch -Tag Role=web -RebootOption NoReboot", "Nodes that need a reboot show InstalledPendingReboot until they are rebooted and scanned again."),
  ("Patch one node at a time and reboot as needed", "Install-NodePatch -Tag Env=prod -MaxConcurrency 1 -MaxErrors 0 -Confirm:$false", "Stops starting nodes after the first failure.")],
 dict(COMMON_FANOUT, RebootOption="RebootIfNeeded (default): reboot a node whose install needs it, wait for it and scan again. NoReboot: leave the reboot pending."),
 [("System.String", "Node ids or names."), ("NodeOps.Core.Models.ManagedNode", "Nodes bind by their NodeId property.")],
 [("NodeOps.Core.Models.NodeCommandInvocation", "One per node; StandardOutput lists each package's version before and after."), ("NodeOps.Core.Models.NodeCommand", "With -Wait:$false."), ("NodeOps.Common.NodeCommandJob", "With -AsJob.")],
 "ConfirmImpact is High: it asks unless -Confirm:$false. Per-node error ids: PatchOperationFailed (install failed, partly applied, or the node did not come back), PatchingNotSupported. Every call is written to the audit trail.",
 ["Invoke-PatchScan", "Get-PatchCompliance", "Set-NodeOpsPreference", "about_NodeOps_Patching"], WI, CF)

doc("Get-PatchCompliance",
 "Per node and patch: the state the last scan or install found, with the rule's compliance level.",
 """Get-PatchCompliance reads the stored patch compliance: one item per node and patch (package name; KB id
on Windows) with its State (Installed, InstalledOther, InstalledPendingReboot, InstalledRejected, Missing,
Failed, NotApplicable), ComplianceLevel, installed and approved versions, classification, priority,
section, the source suite and its release date, the versions before and after the last install, and the
baseline used. Missing, Failed, InstalledRejected and InstalledPendingReboot make a node non-compliant.

It reads only the catalog: run Invoke-PatchScan for fresh data.""",
 [("What is missing on the web servers", "Get-PatchCompliance -Tag Role=web -State Missing", "One line per node and missing package, with the version that would be installed."),
  ("Critical problems anywhere", "Get-PatchCompliance -NonCompliant -ComplianceLevel Critical", "")],
 dict(NodeId="Node ids or names (pipeline input accepted). Without -NodeId and -Tag, every node's items.", Tag="Key=Value conditions selecting the nodes.", State="Only items in these states.", ComplianceLevel="Only items of these compliance levels.", PatchId="Package names or KB ids; wildcards allowed.", NonCompliant="Only items that make their node non-compliant."),
 [("System.String", "Node ids or names."), ("NodeOps.Core.Models.ManagedNode", "Nodes bind by their NodeId property.")],
 [("NodeOps.Core.Models.PatchComplianceItem", "One per node and patch.")],
 "Error ids: NodeNotFound, MalformedTag.",
 ["Get-PatchComplianceSummary", "Invoke-PatchScan"])

doc("Get-PatchComplianceSummary",
 "Counts compliant and non-compliant nodes (by severity), nodes never reported and stale reports; or an HTML page.",
 """Get-PatchComplianceSummary summarises the stored compliance of the managed nodes (all, or those given):
Compliant, NonCompliant (and NonCompliantCritical, ...High, ...Medium, ...Low, ...Informational,
...Unspecified: each non-compliant node counted once, under the highest compliance level among its
non-compliant patches), NeverReported (no scan or install stored), and ReportedBeforeStaleDays (the last
report is older than -StaleDays days). Nodes holds one row per node.

With -AsHtml the same summary is written as one self-contained HTML page (no scripts, no external files),
as a string or to -Path.""",
 [("The numbers", "Get-PatchComplianceSummary -StaleDays 14", "One object; its Nodes property lists each node."),
  ("A report to mail", "Get-PatchComplianceSummary -AsHtml -Path ./patching.html", "Writes the page and returns the file.")],
 dict(NodeId="Node ids or names (pipeline input accepted); without it and -Tag, every managed node.", Tag="Key=Value conditions selecting the nodes.", StaleDays="A report older than this many days counts as stale. Default 7.", AsHtml="Write the summary as one HTML page.", Path="With -AsHtml: the file to write (replaced if it exists)."),
 [("System.String", "Node ids or names."), ("NodeOps.Core.Models.ManagedNode", "Nodes bind by their NodeId property.")],
 [("NodeOps.Core.Patching.PatchComplianceSummary", "Without -AsHtml."), ("System.String", "With -AsHtml and no -Path."), ("System.IO.FileInfo", "With -AsHtml -Path.")],
 "Error ids: NodeNotFound, MalformedTag, PatchReportUnwritable.",
 ["Get-PatchCompliance", "Invoke-PatchScan"])

def fill(name, d):
    path = f"docs/{name}.md"
    s = open(path).read()
    s = s.replace("## SYNOPSIS\nTODO", "## SYNOPSIS\n" + d["synopsis"], 1)
    s = s.replace("## DESCRIPTION\nTODO", "## DESCRIPTION\n" + d["description"], 1)
    ex = "\n".join(f"### Example {i+1}: {t}\n```powershell\n{c}\n```\n\n{x}\n" if x else f"### Example {i+1}: {t}\n```powershell\n{c}\n```\n" for i,(t,c,x) in enumerate(d["examples"]))
    s = re.sub(r"## EXAMPLES\n.*?\n## PARAMETERS", "## EXAMPLES\n\n" + ex + "\n## PARAMETERS", s, flags=re.S)
    params = dict(d["params"]); params["CatalogPath"] = CAT
    def prep(m):
        p = m.group(1)
        if p not in params: raise SystemExit(f"{name}: no text for -{p}")
        return f"### -{p}\n{params[p]}\n"
    s = re.sub(r"### -(\w+)\nTODO\n", prep, s)
    if d["whatif"]:
        block = lambda p, alias, text: f"### -{p}\n{text}\n\n```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases: {alias}\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n"
        s = s.replace("### CommonParameters", block("Confirm", "cf", d["confirm"]) + block("WhatIf", "wi", d["whatif"]) + "### CommonParameters", 1)
    ins = "\n".join(f"### {t}\n{x}\n" for t,x in d["inputs"])
    outs = "\n".join(f"### {t}\n{x}\n" for t,x in d["outputs"])
    s = re.sub(r"## INPUTS\n.*?\n## OUTPUTS", "## INPUTS\n\n" + ins + "\n## OUTPUTS", s, flags=re.S)
    s = re.sub(r"## OUTPUTS\n.*?\n## NOTES", "## OUTPUTS\n\n" + outs + "\n## NOTES", s, flags=re.S)
    s = s.replace("## NOTES\nTODO", "## NOTES\n" + d["notes"], 1)
    s = re.sub(r"## RELATED LINKS\n.*", "## RELATED LINKS\n\n" + "\n\n".join(f"[{l}]({l}.md)" for l in d["links"]) + "\n", s, flags=re.S)
    if "TODO" in s: raise SystemExit(f"{name}: TODO left")
    open(path, "w").write(s)

for n, d in D.items(): fill(n, d)
print("filled", len(D))
