-- riskreg database written by the riskreg binary riskreg-base (sha256 3bf7828beb3a35e7)
-- from the example register, RISKREG_TODAY=2026-11-21; `sqlite3 .dump`. Do not regenerate:
-- later versions must migrate from exactly this.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
INSERT INTO schema_migrations VALUES(1,'2026-11-21 21:01:58');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('register', 'shiplog')),
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    imported_at TEXT NOT NULL
);
INSERT INTO files VALUES('register/R20-availability-risk-register.md','register','a0336de22533a68f8d5e50c263577a2e3ed69408804eccd975169f109b36c362',3714,1795294324.1697599887,'2026-11-21');
INSERT INTO files VALUES('register/R21-security-and-cost-register.md','register','d4df5011735bdcd1d6a955a0bd410f25e8333ecf21ea44ea6f5e8f94fa7e8a61',1283,1795294324.1703009605,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-03-12-drill-01-task-drain-rolling-deploy.md','shiplog','fa2d439254be27fe455b9af69423763a004a6dc1ad445800e9022b4de63d7cf2',1562,1795294324.1703009605,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-03-26-drill-02-redis-wrongpass-at-boot.md','shiplog','dbfe58e1e1b0058b3e341b5fd945245815511dd86d32d8746069d914f5c184f4',974,1795294324.1703343391,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-04-16-drill-03-provider-key-rotation.md','shiplog','4a751f22599e393d4f4c0bb4c9e578858ae46641ceca806f9b14e24b8907e1f8',1183,1795294324.1703343391,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-05-08-drill-04-task-stop-mid-stream.md','shiplog','ed57e367b51fc8520f719614ef51af8e0c6020407754295f6aa2cca17a0266b0',3345,1795294324.1703343391,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-11-17-drill-06-multi-az-failover.md','shiplog','aa1f196a214e18d3967d6904167456deae9be7cd2ec78e52708f71bc9daafae7',1151,1795294324.1703343391,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-11-19-drill-07-ecs-agent-stop-aborted.md','shiplog','cd7786fbed8ff2a86d2d6879e53846dff4839829fc2820baa8b7969278b37cd6',509,1795294324.1703343391,'2026-11-21');
INSERT INTO files VALUES('register/ship-logs/2026-11-26-drill-05-rds-connection-storm-plan.md','shiplog','f060b140f847f1f38550bbe02834c403b413f101b67b464d54dc53274531b856',817,1795294324.1703343391,'2026-11-21');
CREATE TABLE registers (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE
);
INSERT INTO registers VALUES('R20','Availability risk register','register/R20-availability-risk-register.md');
INSERT INTO registers VALUES('R21','Security and cost risk register','register/R21-security-and-cost-register.md');
CREATE TABLE risks (
    id TEXT PRIMARY KEY,
    register_id TEXT NOT NULL REFERENCES registers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description_html TEXT NOT NULL,
    description_text TEXT NOT NULL,
    rank INTEGER, likelihood INTEGER, impact INTEGER,
    owner TEXT, expected_recovery TEXT, expected_recovery_seconds REAL,
    verification TEXT, drill_every_days INTEGER, status TEXT,
    fields_json TEXT NOT NULL,
    line INTEGER NOT NULL
);
INSERT INTO risks VALUES('A10','R20',0,'Chaos Monkey: a task is killed mid-request',replace('<p>&quot;Kill a task mid-request — what happens?&quot; The top-priority untested failure mode when the register\nwas written: streaming completions when the serving ECS task is removed. Deploys, scale-in and\nroutine task replacement all take this path, so it happens many times a day.</p>\n','\n',char(10)),'"Kill a task mid-request — what happens?" The top-priority untested failure mode when the register was written: streaming completions when the serving ECS task is removed. Deploys, scale-in and routine task replacement all take this path, so it happens many times a day.',1,4,5,'@platform','30s',30.0,'stop one task during a long streaming completion; the stream must finish',90,'mitigated','[{"key":"Rank","value":"1\/10"},{"key":"Likelihood","value":"4"},{"key":"Impact","value":"5"},{"key":"Owner","value":"@platform"},{"key":"Expected recovery","value":"30s"},{"key":"Verification","value":"stop one task during a long streaming completion; the stream must finish"},{"key":"Drill every","value":"90 days"},{"key":"Status","value":"mitigated"},{"key":"Detection","value":"ECS service events, ALB 5xx, client SSE errors"}]',7);
INSERT INTO risks VALUES('A11','R20',1,'Hard kill: a task dies without SIGTERM',replace('<p>A hardware or AZ fault bypasses SIGTERM and breaks TCP connections at the kernel. The cooperative\ndrain path (A10) does not help here.</p>\n','\n',char(10)),'A hardware or AZ fault bypasses SIGTERM and breaks TCP connections at the kernel. The cooperative drain path (A10) does not help here.',2,3,5,'@platform','90s',90.0,'AWS FIS hard-kill of one task; in-flight streams fail fast and clients retry',90,'open','[{"value":"2\/10","key":"Rank"},{"value":"3","key":"Likelihood"},{"value":"5","key":"Impact"},{"value":"@platform","key":"Owner"},{"value":"90s","key":"Expected recovery"},{"value":"AWS FIS hard-kill of one task; in-flight streams fail fast and clients retry","key":"Verification"},{"value":"90 days","key":"Drill every"},{"value":"open","key":"Status"}]',22);
INSERT INTO risks VALUES('A12','R20',2,'Redis credentials rejected at boot',replace('<p><code>WRONGPASS</code> at boot used to surface as an unhandled rejection and a task that served 500s.</p>\n','\n',char(10)),'WRONGPASS at boot used to surface as an unhandled rejection and a task that served 500s.',3,3,4,'@backend','60s',60.0,'boot a task with a rotated Redis password; it must fail its health check, not serve errors',180,'mitigated','[{"key":"Rank","value":"3\/10"},{"key":"Likelihood","value":"3"},{"key":"Impact","value":"4"},{"key":"Owner","value":"@backend"},{"key":"Expected recovery","value":"60s"},{"key":"Verification","value":"boot a task with a rotated Redis password; it must fail its health check, not serve errors"},{"key":"Drill every","value":"180 days"},{"key":"Status","value":"mitigated"}]',35);
INSERT INTO risks VALUES('A13','R20',3,'Provider key rotation breaks a tenant','','',4,3,3,'@backend','5m',300.0,'rotate one provider key mid-traffic; other tenants see no errors',180,'open','[{"value":"4\/10","key":"Rank"},{"value":"3","key":"Likelihood"},{"value":"3","key":"Impact"},{"value":"@backend","key":"Owner"},{"value":"5m","key":"Expected recovery"},{"value":"rotate one provider key mid-traffic; other tenants see no errors","key":"Verification"},{"value":"180 days","key":"Drill every"},{"value":"open","key":"Status"}]',47);
INSERT INTO risks VALUES('A14','R20',4,'RDS connection storm','','',5,3,4,'@data','2m',120.0,'restart all tasks at once; RDS connections stay under max_connections',90,'open','[{"value":"5\/10","key":"Rank"},{"value":"3","key":"Likelihood"},{"value":"4","key":"Impact"},{"value":"@data","key":"Owner"},{"value":"2m","key":"Expected recovery"},{"value":"restart all tasks at once; RDS connections stay under max_connections","key":"Verification"},{"value":"90 days","key":"Drill every"},{"value":"open","key":"Status"}]',57);
INSERT INTO risks VALUES('A15','R20',5,'Multi-AZ failover: both tasks in one AZ lost','','',6,2,5,'@platform','3m',180.0,'block all traffic to AZ-A subnets; ALB routes to AZ-B and ECS launches replacements there',180,'open','[{"value":"6\/10","key":"Rank"},{"value":"2","key":"Likelihood"},{"value":"5","key":"Impact"},{"value":"@platform","key":"Owner"},{"value":"3m","key":"Expected recovery"},{"value":"block all traffic to AZ-A subnets; ALB routes to AZ-B and ECS launches replacements there","key":"Verification"},{"value":"180 days","key":"Drill every"},{"value":"open","key":"Status"}]',67);
INSERT INTO risks VALUES('A16','R20',6,'Spot capacity reclaimed during a deploy',replace('<p>The On-Demand baseline and the 200% deployment maximum should carry us through a two-minute\nreclaim warning. Maximum expected impact: under three minutes of reduced capacity.</p>\n','\n',char(10)),'The On-Demand baseline and the 200% deployment maximum should carry us through a two-minute reclaim warning. Maximum expected impact: under three minutes of reduced capacity.',7,4,3,'@platform','3m',180.0,'interrupt 60% of Spot instances mid-deploy; no dropped requests',180,'open','[{"value":"7\/10","key":"Rank"},{"value":"4","key":"Likelihood"},{"value":"3","key":"Impact"},{"value":"@platform","key":"Owner"},{"value":"3m","key":"Expected recovery"},{"value":"interrupt 60% of Spot instances mid-deploy; no dropped requests","key":"Verification"},{"value":"180 days","key":"Drill every"},{"value":"open","key":"Status"}]',77);
INSERT INTO risks VALUES('A17','R20',7,'Pending tasks deadlock on capacity','','',8,2,4,'@platform','2m',120.0,'drain an instance with tasks pending; the capacity provider scales out',365,'accepted','[{"value":"8\/10","key":"Rank"},{"value":"2","key":"Likelihood"},{"value":"4","key":"Impact"},{"value":"@platform","key":"Owner"},{"value":"2m","key":"Expected recovery"},{"value":"drain an instance with tasks pending; the capacity provider scales out","key":"Verification"},{"value":"365 days","key":"Drill every"},{"value":"accepted","key":"Status"}]',90);
INSERT INTO risks VALUES('A18','R20',8,'ECS agent disconnects cluster-wide','','',9,1,4,'@platform','5m',300.0,'stop the ecs-agent on every container instance for 5 minutes; running tasks keep serving',365,'open','[{"value":"9\/10","key":"Rank"},{"value":"1","key":"Likelihood"},{"value":"4","key":"Impact"},{"value":"@platform","key":"Owner"},{"value":"5m","key":"Expected recovery"},{"value":"stop the ecs-agent on every container instance for 5 minutes; running tasks keep serving","key":"Verification"},{"value":"365 days","key":"Drill every"},{"value":"open","key":"Status"}]',100);
INSERT INTO risks VALUES('A19','R20',9,'NAT gateway failure','','',10,1,3,'@network','10m',600.0,'remove the NAT route in staging; outbound provider calls fail fast with a clear error',365,'open','[{"value":"10\/10","key":"Rank"},{"value":"1","key":"Likelihood"},{"value":"3","key":"Impact"},{"value":"@network","key":"Owner"},{"value":"10m","key":"Expected recovery"},{"value":"remove the NAT route in staging; outbound provider calls fail fast with a clear error","key":"Verification"},{"value":"365 days","key":"Drill every"},{"value":"open","key":"Status"}]',110);
INSERT INTO risks VALUES('S1','R21',0,'Secrets break at runtime',replace('<p>Tasks stop with <code>ResourceInitializationError</code> and never start; running tasks are unaffected until\nthey are replaced. The fix must not leak a secret into logs or task definitions.</p>\n','\n',char(10)),'Tasks stop with ResourceInitializationError and never start; running tasks are unaffected until they are replaced. The fix must not leak a secret into logs or task definitions.',1,2,5,'@security','10m',600.0,'remove secretsmanager:GetSecretValue from the execution role in staging; tasks stop in PROVISIONING and the alarm fires',180,'open','[{"value":"1\/4","key":"Rank"},{"value":"2","key":"Likelihood"},{"value":"5","key":"Impact"},{"value":"@security","key":"Owner"},{"value":"10m","key":"Expected recovery"},{"value":"remove secretsmanager:GetSecretValue from the execution role in staging; tasks stop in PROVISIONING and the alarm fires","key":"Verification"},{"value":"180 days","key":"Drill every"},{"value":"open","key":"Status"}]',6);
INSERT INTO risks VALUES('S2','R21',1,'TLS certificate expires at the ALB','','',2,2,4,'@security','15m',900.0,'attach an expiring certificate in staging; the expiry alarm fires 30 days ahead',365,'mitigated','[{"value":"2\/4","key":"Rank"},{"value":"2","key":"Likelihood"},{"value":"4","key":"Impact"},{"value":"@security","key":"Owner"},{"value":"15m","key":"Expected recovery"},{"value":"attach an expiring certificate in staging; the expiry alarm fires 30 days ahead","key":"Verification"},{"value":"365 days","key":"Drill every"},{"value":"mitigated","key":"Status"}]',19);
INSERT INTO risks VALUES('S3','R21',2,'Over-broad task role','','',3,2,4,'@security',NULL,NULL,NULL,365,'open','[{"value":"3\/4","key":"Rank"},{"value":"2","key":"Likelihood"},{"value":"4","key":"Impact"},{"value":"@security","key":"Owner"},{"value":"365 days","key":"Drill every"},{"value":"open","key":"Status"},{"value":"quarterly IAM access analyzer report","key":"Review"}]',29);
INSERT INTO risks VALUES('C1','R21',3,'Cost floor creeps up',replace('<p>Scheduled scaling for dev and staging, Fargate Spot for non-production.</p>\n','\n',char(10)),'Scheduled scaling for dev and staging, Fargate Spot for non-production.',4,3,2,'@finops',NULL,NULL,NULL,90,'accepted','[{"value":"4\/4","key":"Rank"},{"value":"3","key":"Likelihood"},{"value":"2","key":"Impact"},{"value":"@finops","key":"Owner"},{"value":"90 days","key":"Drill every"},{"value":"accepted","key":"Status"}]',38);
CREATE TABLE drills (
    number INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE REFERENCES files(path) ON DELETE CASCADE,
    date TEXT, title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('executed', 'planned', 'aborted')),
    environment TEXT, recovery_seconds REAL,
    summary TEXT NOT NULL, html TEXT NOT NULL
);
INSERT INTO drills VALUES(1,'register/ship-logs/2026-03-12-drill-01-task-drain-rolling-deploy.md','2026-03-12','Drill 01 — Task drain during a rolling deploy','executed','staging',360.0,'A rolling deploy under streaming load in staging: 0/180 streams finished cleanly. The application-level streaming path did not survive SIGTERM. Related to A10 in the R20 register.',replace('<h1>Drill 01 — Task drain during a rolling deploy</h1>\n<h2>TL;DR</h2>\n<p>A rolling deploy under streaming load in staging: <strong>0/180</strong> streams finished cleanly. The\napplication-level streaming path did not survive SIGTERM. Related to A10 in the R20 register.</p>\n<h2>Key metrics</h2>\n<p>| Metric | Value |\n|---|---|\n| Streams started | 180 |\n| Clean finishes | 0 |\n| Deploy duration | 6m 10s |\n| Recovery time | 6m |</p>\n<h2>Procedure</h2>\n<ol>\n<li>Started 180 streaming completions from the load generator.</li>\n<li>Triggered a rolling deploy of the API service (<code>aws ecs update-service --force-new-deployment</code>).</li>\n<li>Counted streams ending in <code>[DONE]</code> vs. truncated.</li>\n</ol>\n<h2>What we learned</h2>\n<ol>\n<li><strong>SIGTERM killed streams.</strong> The process exited on SIGTERM without waiting for open responses,\nso every stream on a draining task was cut.</li>\n<li><strong>Deregistration delay was 300s by default.</strong> The ALB kept draining long after the task was gone;\nwe lowered it to 30s, which still covers a two-minute stream''s tail.</li>\n</ol>\n<h2>Follow-ups</h2>\n<ul>\n<li>[x] Handle SIGTERM: stop accepting, finish in-flight streams, then exit @backend #198</li>\n<li>[x] Set <code>deregistration_delay.timeout_seconds</code> to 30 @platform</li>\n<li>[x] Re-run as drill 04 against production once fixed</li>\n</ul>\n<h2>Checklist</h2>\n<ul>\n<li>[x] Drill artifact — <code>docs/chaos-drills/results/01-rolling-deploy-2026-03-12.md</code></li>\n<li>[x] Ship log — this file</li>\n<li>[ ] R20 risk register updated with the recorded recovery</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(2,'register/ship-logs/2026-03-26-drill-02-redis-wrongpass-at-boot.md','2026-03-26','Drill 02 executed: Redis WRONGPASS at boot','executed','staging',280.0,'Rotated the Redis password in staging before a task boot to exercise A12. The task booted, logged an unhandled promise rejection and served HTTP 500s for four minutes before a health check noticed.',replace('<h1>Drill 02 executed: Redis WRONGPASS at boot</h1>\n<h2>Overview</h2>\n<p>Rotated the Redis password in staging before a task boot to exercise A12. The task booted, logged an\nunhandled promise rejection and served HTTP 500s for four minutes before a health check noticed.</p>\n<h2>Results</h2>\n<ul>\n<li><strong>Time to detect</strong>: 4m 05s</li>\n<li><strong>Recovery time</strong>: 4m 40s</li>\n<li><strong>Error responses served</strong>: 1,312</li>\n<li><strong>Health check</strong>: passed while Redis was unusable</li>\n</ul>\n<h2>Findings</h2>\n<p><strong>Unhandled rejection at boot.</strong> The Redis client rejected with <code>WRONGPASS</code> and nothing awaited it;\nthe process kept running without a cache.</p>\n<p><strong>Health check lies.</strong> <code>/healthz</code> did not touch Redis, so the ALB kept the broken task in rotation.</p>\n<!-- raw HTML omitted -->\n<h2>Action items</h2>\n<ul>\n<li>[x] Await the Redis connection at boot and exit non-zero on auth failure @backend (PR #221)</li>\n<li>[x] Make <code>/healthz</code> ping Redis with a 200ms timeout @backend</li>\n<li>[ ] Alarm on <code>WRONGPASS</code> in the task log @sre due 2026-04-30</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(3,'register/ship-logs/2026-04-16-drill-03-provider-key-rotation.md','2026-04-16','Drill 03 — Provider key rotation mid-traffic','executed','production',200.0,'Rotated one upstream provider key while three tenants sent traffic. Risk A13 in R20.',replace('<h1>Drill 03 — Provider key rotation mid-traffic</h1>\n<h2>Summary</h2>\n<p>Rotated one upstream provider key while three tenants sent traffic. Risk A13 in R20.</p>\n<h2>Numbers</h2>\n<ul>\n<li>Tenants affected: 1 of 3</li>\n<li>Errors for the affected tenant: 212</li>\n<li>Recovery time: 3m 20s</li>\n</ul>\n<h2>Real findings</h2>\n<h3>1. Tenant-key insulation holds</h3>\n<p>Only the tenant whose key rotated saw errors; the others kept their own keys and cache entries.</p>\n<h3>2. The cache shadows failures</h3>\n<p>Cached completions kept answering for the broken tenant, which hid the failure from our alarms for\nthe first two minutes. A finding for B3 too (not yet in any register).</p>\n<h2>Next steps</h2>\n<ul>\n<li>[ ] Alert on provider 401s per tenant, not only on 5xx @sre due 2026-05-15</li>\n<li>[x] Document the key rotation runbook <code>docs/runbooks/provider-key-rotation.md</code> @backend</li>\n<li>[ ] Negative-cache provider auth failures for 30s @backend due 2026-12-15</li>\n</ul>\n<h2>Lockstep checklist</h2>\n<ul>\n<li>[x] Drill artifact — <code>docs/chaos-drills/results/03-key-rotation-2026-04-16.md</code></li>\n<li>[x] Ship log — this file</li>\n<li>[x] R20 risk register — A13 verification recorded</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(4,'register/ship-logs/2026-05-08-drill-04-task-stop-mid-stream.md','2026-05-08','2026-05-08 — Drill 04 executed: ECS task stop mid-SSE-stream','executed','production',NULL,replace('R20 risk register, flagged 1/10 (A10 Chaos Monkey) as the top-priority untested failure mode: "kill a task mid-request — what happens?" Specifically: streaming completions when the serving ECS task is removed.\nDrill executed against production. Found that ECS Fargate''s cooperative graceful-drain mechanism keeps in-flight SSE streams alive until they complete naturally; clients see no disruption.','\n',char(10)),replace('<h1>2026-05-08 — Drill 04 executed: ECS task stop mid-SSE-stream</h1>\n<h2>Summary</h2>\n<p>R20 risk register, flagged 1/10 (A10 Chaos Monkey) as the top-priority untested failure mode:\n&quot;kill a task mid-request — what happens?&quot; Specifically: streaming completions when the serving ECS\ntask is removed.</p>\n<p>Drill executed against production. Found that ECS Fargate''s cooperative graceful-drain mechanism\nkeeps in-flight SSE streams alive until they complete naturally; clients see no disruption.</p>\n<h2>Headline numbers</h2>\n<ul>\n<li>Stream duration: 48.34s</li>\n<li>Time-to-first-token: 2.50s</li>\n<li>SSE events received: 47, clean <code>[DONE]</code></li>\n<li>Bytes received: 12,755</li>\n<li>Customer impact: zero (stream completed normally despite mid-stream task stop)</li>\n<li>Task replacement: 18s to launch, 75s to register with ALB</li>\n</ul>\n<h2>Method</h2>\n<ul>\n<li>Started a long streaming completion (<code>stream: true</code>, <code>max_tokens: 2000</code>) targeting <code>model: &quot;auto&quot;</code>.</li>\n<li>5 seconds in (past TTFT), issued <code>aws ecs stop-task</code> against one of the two ECS tasks.</li>\n<li>Observed: client-side SSE events, ECS service event log, target task lifecycle.</li>\n</ul>\n<h2>Real findings</h2>\n<h3>1. Cooperative drain protects in-flight streams</h3>\n<p><code>stop-task</code> triggers SIGTERM + ALB target deregistration but does not kill the container\nimmediately. The drained task continues serving any TCP connection it was already handling until\nthe connection closes naturally (within the 30s Fargate grace window). The application''s SIGTERM\nhandler completes in-flight work before exiting.</p>\n<p>ECS event timeline confirms:</p>\n<ul>\n<li>15:56:41 (T_kill): <code>stop-task</code> issued</li>\n<li>15:56:58 (T+17s): &quot;begun draining connections on 1 tasks&quot; — ALB deregister</li>\n<li>15:56:59 (T+18s): replacement task launched</li>\n<li>15:57:24 (T+43s): client receives <code>[DONE]</code> — stream completed normally on the drained task</li>\n<li>15:57:56 (T+1m15s): replacement task registered healthy with ALB</li>\n</ul>\n<h3>2. The hard-kill case remains untested</h3>\n<p>This drill exercises the COOPERATIVE termination path (the path used by deploys, scale-in, and\nroutine task replacement). A real hardware/AZ fault would bypass SIGTERM and break TCP connections\nat the kernel. Testing that case requires AWS FIS (Fault Injection Simulator) — flagged as drill\n04-followup.</p>\n<h3>3. The drill suite is now drill-01-04 inclusive</h3>\n<p>Cumulative findings from drills 01-04:</p>\n<ul>\n<li>01 (task drain): rolling deploy with streaming load showed 0/180 clean finishes → application-level\nstreaming path needed work (closed in subsequent PRs).</li>\n<li>02 (Redis WRONGPASS at boot): found unhandled rejection (PR #221 closed).</li>\n<li>03 (provider key rotation): found tenant-key insulation + cache-shadowing of failures.</li>\n<li>04 (task stop mid-stream): graceful drain works, customer impact zero.</li>\n</ul>\n<h2>Action items</h2>\n<ul>\n<li>[ ] Drill 04 followup: AWS FIS hard-kill scenario. Bounded production impact (one task at a time,\nECS auto-recovers). Estimated 30 min setup.</li>\n<li>[ ] Drill 05: RDS connection storm (next on the chaos suite roadmap).</li>\n<li>[ ] Drill 06: multi-AZ failover (both tasks killed in one AZ).</li>\n</ul>\n<h2>Lockstep checklist</h2>\n<ul>\n<li>[x] Drill artifact — <code>docs/chaos-drills/results/04-task-sigkill-mid-stream-2026-05-08T15-56-35Z.md</code></li>\n<li>[x] Stream log — <code>docs/chaos-drills/results/04-stream-2026-05-08T15-56-35Z.txt</code></li>\n<li>[x] Ship log — this file</li>\n<li>[x] R20 risk register — A10''s flagship failure-mode risk (1/10) documented</li>\n<li>[x] No production fix needed — graceful drain works as designed</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(5,'register/ship-logs/2026-11-26-drill-05-rds-connection-storm-plan.md','2026-11-26','Drill 05 plan: RDS connection storm','planned','staging',NULL,'Next on the chaos suite roadmap after drill 04. Restart every API task at once in staging and watch RDS connections against max_connections (A14 in R20).',replace('<h1>Drill 05 plan: RDS connection storm</h1>\n<h2>Summary</h2>\n<p>Next on the chaos suite roadmap after drill 04. Restart every API task at once in staging and watch\nRDS connections against <code>max_connections</code> (A14 in R20).</p>\n<h2>Method</h2>\n<ol>\n<li>Scale the service to 8 tasks.</li>\n<li><code>aws ecs update-service --force-new-deployment</code> with minimum healthy percent 0.</li>\n<li>Watch <code>DatabaseConnections</code> and application pool errors.</li>\n</ol>\n<h2>Action items</h2>\n<ul>\n<li>[ ] Book the staging window with the data team @data due 2026-11-24</li>\n<li>[ ] Add a connection-pool saturation panel to the drill dashboard @sre</li>\n</ul>\n<h2>Lockstep checklist</h2>\n<ul>\n<li>[ ] Drill artifact — <code>docs/chaos-drills/results/05-rds-storm.md</code></li>\n<li>[ ] Ship log — this file</li>\n<li>[ ] R20 risk register — A14 verification recorded</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(6,'register/ship-logs/2026-11-17-drill-06-multi-az-failover.md','2026-11-17','Drill 06 executed — multi-AZ failover','executed','staging',280.0,'On 2026-11-17 we blocked all traffic to the AZ-A subnets in staging, killing both tasks that ran there (A15). The ALB moved traffic to AZ-B, but ECS took longer than expected to place replacements because the capacity provider first scaled out in AZ-A.',replace('<h1>Drill 06 executed — multi-AZ failover</h1>\n<h2>Summary</h2>\n<p>On 2026-11-17 we blocked all traffic to the AZ-A subnets in staging, killing both tasks that ran\nthere (A15). The ALB moved traffic to AZ-B, but ECS took longer than expected to place replacements\nbecause the capacity provider first scaled out in AZ-A.</p>\n<h2>Headline numbers</h2>\n<ul>\n<li>Requests failed: 37</li>\n<li>Time to first healthy replacement: 2m 05s</li>\n<li>Recovery time: 4m 40s</li>\n<li>Expected recovery: 3m</li>\n</ul>\n<h2>Findings</h2>\n<ol>\n<li>Replacement placement ignored the blocked AZ at first. The capacity provider launched one instance\nin AZ-A before spreading to AZ-B; 95 seconds were lost.</li>\n<li>Client retries hid most failures. 37 requests failed out of 2,410 during the window.</li>\n</ol>\n<h2>Action items</h2>\n<ul>\n<li>[ ] Pin the capacity provider''s scale-out to healthy AZs during an AZ event @platform due 2026-11-20</li>\n<li>[x] Add AZ to the task-placement dashboard @sre</li>\n<li>[ ] Re-run in production after the fix @platform due 2027-01-15</li>\n</ul>\n<h2>Lockstep checklist</h2>\n<ul>\n<li>[x] Drill artifact — <code>docs/chaos-drills/results/06-multi-az-2026-11-17.md</code></li>\n<li>[x] Ship log — this file</li>\n<li>[ ] R20 risk register — A15 recorded recovery (4m40s) vs expected (3m)</li>\n</ul>\n','\n',char(10)));
INSERT INTO drills VALUES(7,'register/ship-logs/2026-11-19-drill-07-ecs-agent-stop-aborted.md','2026-11-19','Drill 07 aborted: ECS agent stop','aborted','staging',NULL,'Planned to stop the ecs-agent on every container instance in staging for five minutes (A18). Aborted after 40 seconds: a deploy started in another team''s service in the same cluster.',replace('<h1>Drill 07 aborted: ECS agent stop</h1>\n<h2>Summary</h2>\n<p>Planned to stop the ecs-agent on every container instance in staging for five minutes (A18). Aborted\nafter 40 seconds: a deploy started in another team''s service in the same cluster.</p>\n<h2>Findings</h2>\n<ul>\n<li><strong>Shared clusters need a change freeze.</strong> Drills in a shared cluster must announce a freeze first.</li>\n</ul>\n<h2>Action items</h2>\n<ul>\n<li>[ ] Announce a change freeze in #deploys before cluster-wide drills @sre</li>\n<li>[ ] Reschedule drill 07 for a quiet window @platform due 2026-12-05</li>\n</ul>\n','\n',char(10)));
CREATE TABLE drill_declared_risks (
    drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
    risk_id TEXT NOT NULL,
    PRIMARY KEY (drill, risk_id)
);
INSERT INTO drill_declared_risks VALUES(1,'A10');
INSERT INTO drill_declared_risks VALUES(3,'A13');
INSERT INTO drill_declared_risks VALUES(5,'A14');
CREATE TABLE drill_mentions (
    drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
    token TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (drill, token)
);
INSERT INTO drill_mentions VALUES(1,'A10',0);
INSERT INTO drill_mentions VALUES(1,'R20',1);
INSERT INTO drill_mentions VALUES(2,'A12',0);
INSERT INTO drill_mentions VALUES(3,'A13',0);
INSERT INTO drill_mentions VALUES(3,'R20',1);
INSERT INTO drill_mentions VALUES(3,'B3',2);
INSERT INTO drill_mentions VALUES(4,'R20',0);
INSERT INTO drill_mentions VALUES(4,'A10',1);
INSERT INTO drill_mentions VALUES(6,'A15',0);
INSERT INTO drill_mentions VALUES(6,'R20',1);
INSERT INTO drill_mentions VALUES(7,'A18',0);
INSERT INTO drill_mentions VALUES(5,'A14',0);
INSERT INTO drill_mentions VALUES(5,'R20',1);
CREATE TABLE metrics (
    drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL, value TEXT NOT NULL, number REAL, unit TEXT, line INTEGER NOT NULL,
    PRIMARY KEY (drill, position)
);
INSERT INTO metrics VALUES(1,0,'Streams started','180',180.0,NULL,24);
INSERT INTO metrics VALUES(1,1,'Clean finishes','0',0.0,NULL,25);
INSERT INTO metrics VALUES(1,2,'Deploy duration','6m 10s',6.0,'m',26);
INSERT INTO metrics VALUES(1,3,'Recovery time','6m',6.0,'m',27);
INSERT INTO metrics VALUES(2,0,'Time to detect','4m 05s',4.0,'m',10);
INSERT INTO metrics VALUES(2,1,'Recovery time','4m 40s',4.0,'m',11);
INSERT INTO metrics VALUES(2,2,'Error responses served','1,312',1312.0,NULL,12);
INSERT INTO metrics VALUES(2,3,'Health check','passed while Redis was unusable',NULL,NULL,13);
INSERT INTO metrics VALUES(3,0,'Tenants affected','1 of 3',1.0,'of',17);
INSERT INTO metrics VALUES(3,1,'Errors for the affected tenant','212',212.0,NULL,18);
INSERT INTO metrics VALUES(3,2,'Recovery time','3m 20s',3.0,'m',19);
INSERT INTO metrics VALUES(4,0,'Stream duration','48.34s',48.340000000000003408,'s',14);
INSERT INTO metrics VALUES(4,1,'Time-to-first-token','2.50s',2.5,'s',15);
INSERT INTO metrics VALUES(4,2,'SSE events received','47, clean [DONE]',47.0,NULL,16);
INSERT INTO metrics VALUES(4,3,'Bytes received','12,755',12755.0,NULL,17);
INSERT INTO metrics VALUES(4,4,'Customer impact','zero (stream completed normally despite mid-stream task stop)',NULL,NULL,18);
INSERT INTO metrics VALUES(4,5,'Task replacement','18s to launch, 75s to register with ALB',18.0,'s',19);
INSERT INTO metrics VALUES(6,0,'Requests failed','37',37.0,NULL,11);
INSERT INTO metrics VALUES(6,1,'Time to first healthy replacement','2m 05s',2.0,'m',12);
INSERT INTO metrics VALUES(6,2,'Recovery time','4m 40s',4.0,'m',13);
INSERT INTO metrics VALUES(6,3,'Expected recovery','3m',3.0,'m',14);
CREATE TABLE findings (
    drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL, html TEXT NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (drill, position)
);
INSERT INTO findings VALUES(1,0,'SIGTERM killed streams',replace('<strong>SIGTERM killed streams.</strong> The process exited on SIGTERM without waiting for open responses,\nso every stream on a draining task was cut.','\n',char(10)),39);
INSERT INTO findings VALUES(1,1,'Deregistration delay was 300s by default',replace('<strong>Deregistration delay was 300s by default.</strong> The ALB kept draining long after the task was gone;\nwe lowered it to 30s, which still covers a two-minute stream''s tail.','\n',char(10)),41);
INSERT INTO findings VALUES(2,0,'Unhandled rejection at boot',replace('<p><strong>Unhandled rejection at boot.</strong> The Redis client rejected with <code>WRONGPASS</code> and nothing awaited it;\nthe process kept running without a cache.</p>\n','\n',char(10)),17);
INSERT INTO findings VALUES(2,1,'Health check lies',replace('<p><strong>Health check lies.</strong> <code>/healthz</code> did not touch Redis, so the ALB kept the broken task in rotation.</p>\n<!-- raw HTML omitted -->\n','\n',char(10)),20);
INSERT INTO findings VALUES(3,0,'Tenant-key insulation holds',replace('<p>Only the tenant whose key rotated saw errors; the others kept their own keys and cache entries.</p>\n','\n',char(10)),23);
INSERT INTO findings VALUES(3,1,'The cache shadows failures',replace('<p>Cached completions kept answering for the broken tenant, which hid the failure from our alarms for\nthe first two minutes. A finding for B3 too (not yet in any register).</p>\n','\n',char(10)),27);
INSERT INTO findings VALUES(4,0,'Cooperative drain protects in-flight streams',replace('<p><code>stop-task</code> triggers SIGTERM + ALB target deregistration but does not kill the container\nimmediately. The drained task continues serving any TCP connection it was already handling until\nthe connection closes naturally (within the 30s Fargate grace window). The application''s SIGTERM\nhandler completes in-flight work before exiting.</p>\n<p>ECS event timeline confirms:</p>\n<ul>\n<li>15:56:41 (T_kill): <code>stop-task</code> issued</li>\n<li>15:56:58 (T+17s): &quot;begun draining connections on 1 tasks&quot; — ALB deregister</li>\n<li>15:56:59 (T+18s): replacement task launched</li>\n<li>15:57:24 (T+43s): client receives <code>[DONE]</code> — stream completed normally on the drained task</li>\n<li>15:57:56 (T+1m15s): replacement task registered healthy with ALB</li>\n</ul>\n','\n',char(10)),29);
INSERT INTO findings VALUES(4,1,'The hard-kill case remains untested',replace('<p>This drill exercises the COOPERATIVE termination path (the path used by deploys, scale-in, and\nroutine task replacement). A real hardware/AZ fault would bypass SIGTERM and break TCP connections\nat the kernel. Testing that case requires AWS FIS (Fault Injection Simulator) — flagged as drill\n04-followup.</p>\n','\n',char(10)),44);
INSERT INTO findings VALUES(4,2,'The drill suite is now drill-01-04 inclusive',replace('<p>Cumulative findings from drills 01-04:</p>\n<ul>\n<li>01 (task drain): rolling deploy with streaming load showed 0/180 clean finishes → application-level\nstreaming path needed work (closed in subsequent PRs).</li>\n<li>02 (Redis WRONGPASS at boot): found unhandled rejection (PR #221 closed).</li>\n<li>03 (provider key rotation): found tenant-key insulation + cache-shadowing of failures.</li>\n<li>04 (task stop mid-stream): graceful drain works, customer impact zero.</li>\n</ul>\n','\n',char(10)),51);
INSERT INTO findings VALUES(6,0,'Replacement placement ignored the blocked AZ at first',replace('Replacement placement ignored the blocked AZ at first. The capacity provider launched one instance\nin AZ-A before spreading to AZ-B; 95 seconds were lost.','\n',char(10)),18);
INSERT INTO findings VALUES(6,1,'Client retries hid most failures','Client retries hid most failures. 37 requests failed out of 2,410 during the window.',20);
INSERT INTO findings VALUES(7,0,'Shared clusters need a change freeze','<strong>Shared clusters need a change freeze.</strong> Drills in a shared cluster must announce a freeze first.',10);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'checklist')),
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    done INTEGER NOT NULL,
    line INTEGER NOT NULL, box_column INTEGER NOT NULL,
    artifact TEXT, owner TEXT, due TEXT, refs TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    opened_on TEXT,
    done_on TEXT
);
INSERT INTO items VALUES(1,1,'action',0,'handle sigterm stop accepting finish in flight streams then exit backend 198','Handle SIGTERM: stop accepting, finish in-flight streams, then exit @backend #198',1,47,3,NULL,'backend',NULL,'198','2026-11-21',NULL,'2026-03-12');
INSERT INTO items VALUES(2,1,'action',1,'set deregistration delay timeout seconds to 30 platform','Set deregistration_delay.timeout_seconds to 30 @platform',1,48,3,NULL,'platform',NULL,'','2026-11-21',NULL,'2026-03-12');
INSERT INTO items VALUES(3,1,'action',2,'re run as drill 04 against production once fixed','Re-run as drill 04 against production once fixed',1,49,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-03-12');
INSERT INTO items VALUES(4,1,'checklist',0,'drill artifact docs chaos drills results 01 rolling deploy 2026 03 12 md','Drill artifact — docs/chaos-drills/results/01-rolling-deploy-2026-03-12.md',1,54,3,'docs/chaos-drills/results/01-rolling-deploy-2026-03-12.md',NULL,NULL,'','2026-11-21',NULL,'2026-03-12');
INSERT INTO items VALUES(5,1,'checklist',1,'ship log this file','Ship log — this file',1,55,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-03-12');
INSERT INTO items VALUES(6,1,'checklist',2,'r20 risk register updated with the recorded recovery','R20 risk register updated with the recorded recovery',0,56,3,NULL,NULL,NULL,'','2026-11-21','2026-03-12',NULL);
INSERT INTO items VALUES(7,2,'action',0,'await the redis connection at boot and exit non zero on auth failure backend pr 221','Await the Redis connection at boot and exit non-zero on auth failure @backend (PR #221)',1,26,3,NULL,'backend',NULL,'221','2026-11-21',NULL,'2026-03-26');
INSERT INTO items VALUES(8,2,'action',1,'make healthz ping redis with a 200ms timeout backend','Make /healthz ping Redis with a 200ms timeout @backend',1,27,3,'/healthz','backend',NULL,'','2026-11-21',NULL,'2026-03-26');
INSERT INTO items VALUES(9,2,'action',2,'alarm on wrongpass in the task log sre due 2026 04 30','Alarm on WRONGPASS in the task log @sre due 2026-04-30',0,28,3,NULL,'sre','2026-04-30','','2026-11-21','2026-03-26',NULL);
INSERT INTO items VALUES(10,3,'action',0,'alert on provider 401s per tenant not only on 5xx sre due 2026 05 15','Alert on provider 401s per tenant, not only on 5xx @sre due 2026-05-15',0,34,3,NULL,'sre','2026-05-15','','2026-11-21','2026-04-16',NULL);
INSERT INTO items VALUES(11,3,'action',1,'document the key rotation runbook docs runbooks provider key rotation md backend','Document the key rotation runbook docs/runbooks/provider-key-rotation.md @backend',1,35,3,'docs/runbooks/provider-key-rotation.md','backend',NULL,'','2026-11-21',NULL,'2026-04-16');
INSERT INTO items VALUES(12,3,'action',2,'negative cache provider auth failures for 30s backend due 2026 12 15','Negative-cache provider auth failures for 30s @backend due 2026-12-15',0,36,3,NULL,'backend','2026-12-15','','2026-11-21','2026-04-16',NULL);
INSERT INTO items VALUES(13,3,'checklist',0,'drill artifact docs chaos drills results 03 key rotation 2026 04 16 md','Drill artifact — docs/chaos-drills/results/03-key-rotation-2026-04-16.md',1,40,3,'docs/chaos-drills/results/03-key-rotation-2026-04-16.md',NULL,NULL,'','2026-11-21',NULL,'2026-04-16');
INSERT INTO items VALUES(14,3,'checklist',1,'ship log this file','Ship log — this file',1,41,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-04-16');
INSERT INTO items VALUES(15,3,'checklist',2,'r20 risk register a13 verification recorded','R20 risk register — A13 verification recorded',1,42,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-04-16');
INSERT INTO items VALUES(16,4,'action',0,'drill 04 followup aws fis hard kill scenario bounded production impact one task at a time ecs auto recovers estimated 30 min setup','Drill 04 followup: AWS FIS hard-kill scenario. Bounded production impact (one task at a time, ECS auto-recovers). Estimated 30 min setup.',0,63,3,NULL,NULL,NULL,'','2026-11-21','2026-05-08',NULL);
INSERT INTO items VALUES(17,4,'action',1,'drill 05 rds connection storm next on the chaos suite roadmap','Drill 05: RDS connection storm (next on the chaos suite roadmap).',0,65,3,NULL,NULL,NULL,'','2026-11-21','2026-05-08',NULL);
INSERT INTO items VALUES(18,4,'action',2,'drill 06 multi az failover both tasks killed in one az','Drill 06: multi-AZ failover (both tasks killed in one AZ).',0,66,3,NULL,NULL,NULL,'','2026-11-21','2026-05-08',NULL);
INSERT INTO items VALUES(19,4,'checklist',0,'drill artifact docs chaos drills results 04 task sigkill mid stream 2026 05 08t15 56 35z md','Drill artifact — docs/chaos-drills/results/04-task-sigkill-mid-stream-2026-05-08T15-56-35Z.md',1,70,3,'docs/chaos-drills/results/04-task-sigkill-mid-stream-2026-05-08T15-56-35Z.md',NULL,NULL,'','2026-11-21',NULL,'2026-05-08');
INSERT INTO items VALUES(20,4,'checklist',1,'stream log docs chaos drills results 04 stream 2026 05 08t15 56 35z txt','Stream log — docs/chaos-drills/results/04-stream-2026-05-08T15-56-35Z.txt',1,71,3,'docs/chaos-drills/results/04-stream-2026-05-08T15-56-35Z.txt',NULL,NULL,'','2026-11-21',NULL,'2026-05-08');
INSERT INTO items VALUES(21,4,'checklist',2,'ship log this file','Ship log — this file',1,72,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-05-08');
INSERT INTO items VALUES(22,4,'checklist',3,'r20 risk register a10 s flagship failure mode risk 1 10 documented','R20 risk register — A10''s flagship failure-mode risk (1/10) documented',1,73,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-05-08');
INSERT INTO items VALUES(23,4,'checklist',4,'no production fix needed graceful drain works as designed','No production fix needed — graceful drain works as designed',1,74,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-05-08');
INSERT INTO items VALUES(24,6,'action',0,'pin the capacity provider s scale out to healthy azs during an az event platform due 2026 11 20','Pin the capacity provider''s scale-out to healthy AZs during an AZ event @platform due 2026-11-20',0,24,3,NULL,'platform','2026-11-20','','2026-11-21','2026-11-17',NULL);
INSERT INTO items VALUES(25,6,'action',1,'add az to the task placement dashboard sre','Add AZ to the task-placement dashboard @sre',1,25,3,NULL,'sre',NULL,'','2026-11-21',NULL,'2026-11-17');
INSERT INTO items VALUES(26,6,'action',2,'re run in production after the fix platform due 2027 01 15','Re-run in production after the fix @platform due 2027-01-15',0,26,3,NULL,'platform','2027-01-15','','2026-11-21','2026-11-17',NULL);
INSERT INTO items VALUES(27,6,'checklist',0,'drill artifact docs chaos drills results 06 multi az 2026 11 17 md','Drill artifact — docs/chaos-drills/results/06-multi-az-2026-11-17.md',1,30,3,'docs/chaos-drills/results/06-multi-az-2026-11-17.md',NULL,NULL,'','2026-11-21',NULL,'2026-11-17');
INSERT INTO items VALUES(28,6,'checklist',1,'ship log this file','Ship log — this file',1,31,3,NULL,NULL,NULL,'','2026-11-21',NULL,'2026-11-17');
INSERT INTO items VALUES(29,6,'checklist',2,'r20 risk register a15 recorded recovery 4m40s vs expected 3m','R20 risk register — A15 recorded recovery (4m40s) vs expected (3m)',0,32,3,NULL,NULL,NULL,'','2026-11-21','2026-11-17',NULL);
INSERT INTO items VALUES(30,7,'action',0,'announce a change freeze in deploys before cluster wide drills sre','Announce a change freeze in #deploys before cluster-wide drills @sre',0,14,3,NULL,'sre',NULL,'','2026-11-21','2026-11-19',NULL);
INSERT INTO items VALUES(31,7,'action',1,'reschedule drill 07 for a quiet window platform due 2026 12 05','Reschedule drill 07 for a quiet window @platform due 2026-12-05',0,15,3,NULL,'platform','2026-12-05','','2026-11-21','2026-11-19',NULL);
INSERT INTO items VALUES(32,5,'action',0,'book the staging window with the data team data due 2026 11 24','Book the staging window with the data team @data due 2026-11-24',0,24,3,NULL,'data','2026-11-24','','2026-11-21','2026-11-21',NULL);
INSERT INTO items VALUES(33,5,'action',1,'add a connection pool saturation panel to the drill dashboard sre','Add a connection-pool saturation panel to the drill dashboard @sre',0,25,3,NULL,'sre',NULL,'','2026-11-21','2026-11-21',NULL);
INSERT INTO items VALUES(34,5,'checklist',0,'drill artifact docs chaos drills results 05 rds storm md','Drill artifact — docs/chaos-drills/results/05-rds-storm.md',0,29,3,'docs/chaos-drills/results/05-rds-storm.md',NULL,NULL,'','2026-11-21','2026-11-21',NULL);
INSERT INTO items VALUES(35,5,'checklist',1,'ship log this file','Ship log — this file',0,30,3,NULL,NULL,NULL,'','2026-11-21','2026-11-21',NULL);
INSERT INTO items VALUES(36,5,'checklist',2,'r20 risk register a14 verification recorded','R20 risk register — A14 verification recorded',0,31,3,NULL,NULL,NULL,'','2026-11-21','2026-11-21',NULL);
CREATE TABLE item_events (
    item INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    on_day TEXT NOT NULL,
    done INTEGER NOT NULL
);
INSERT INTO item_events VALUES(1,'2026-03-12',1);
INSERT INTO item_events VALUES(2,'2026-03-12',1);
INSERT INTO item_events VALUES(3,'2026-03-12',1);
INSERT INTO item_events VALUES(4,'2026-03-12',1);
INSERT INTO item_events VALUES(5,'2026-03-12',1);
INSERT INTO item_events VALUES(6,'2026-03-12',0);
INSERT INTO item_events VALUES(7,'2026-03-26',1);
INSERT INTO item_events VALUES(8,'2026-03-26',1);
INSERT INTO item_events VALUES(9,'2026-03-26',0);
INSERT INTO item_events VALUES(10,'2026-04-16',0);
INSERT INTO item_events VALUES(11,'2026-04-16',1);
INSERT INTO item_events VALUES(12,'2026-04-16',0);
INSERT INTO item_events VALUES(13,'2026-04-16',1);
INSERT INTO item_events VALUES(14,'2026-04-16',1);
INSERT INTO item_events VALUES(15,'2026-04-16',1);
INSERT INTO item_events VALUES(16,'2026-05-08',0);
INSERT INTO item_events VALUES(17,'2026-05-08',0);
INSERT INTO item_events VALUES(18,'2026-05-08',0);
INSERT INTO item_events VALUES(19,'2026-05-08',1);
INSERT INTO item_events VALUES(20,'2026-05-08',1);
INSERT INTO item_events VALUES(21,'2026-05-08',1);
INSERT INTO item_events VALUES(22,'2026-05-08',1);
INSERT INTO item_events VALUES(23,'2026-05-08',1);
INSERT INTO item_events VALUES(24,'2026-11-17',0);
INSERT INTO item_events VALUES(25,'2026-11-17',1);
INSERT INTO item_events VALUES(26,'2026-11-17',0);
INSERT INTO item_events VALUES(27,'2026-11-17',1);
INSERT INTO item_events VALUES(28,'2026-11-17',1);
INSERT INTO item_events VALUES(29,'2026-11-17',0);
INSERT INTO item_events VALUES(30,'2026-11-19',0);
INSERT INTO item_events VALUES(31,'2026-11-19',0);
INSERT INTO item_events VALUES(32,'2026-11-21',0);
INSERT INTO item_events VALUES(33,'2026-11-21',0);
INSERT INTO item_events VALUES(34,'2026-11-21',0);
INSERT INTO item_events VALUES(35,'2026-11-21',0);
INSERT INTO item_events VALUES(36,'2026-11-21',0);
CREATE INDEX items_by_drill ON items(drill, kind, position);
CREATE INDEX item_events_by_item ON item_events(item);
CREATE VIEW drill_risks AS
    SELECT d.drill, d.risk_id FROM drill_declared_risks d JOIN risks r ON r.id = d.risk_id
    UNION
    SELECT m.drill, m.token FROM drill_mentions m JOIN risks r ON r.id = m.token;
COMMIT;
