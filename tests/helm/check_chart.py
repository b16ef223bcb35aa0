#!/usr/bin/python3
"""Checks the Helm chart helm/schutznetz with the Kreis Soest example values.

Runs `helm lint --strict`, renders the chart with `helm template` and checks the manifests: one
Deployment for the aggregator and one per office of tenants/kreis-soest/, gRPC probes on the
health port, a locked-down security context, resources, no secret material in ConfigMaps,
Secrets only for values given inline (never for an existingSecret), NetworkPolicies,
PodDisruptionBudgets, Services, and office configurations that say what tenants/kreis-soest/
says. Then renders variants: inline secrets, the ServiceMonitor, and values the chart must
refuse with a clear message.

  /usr/bin/python3 tests/helm/check_chart.py --helm .tools/bin/helm --repo .
"""

import argparse
import json
import re
import subprocess
import sys

import yaml

RELEASE = "schutznetz"
NAMESPACE = "kreis-soest"
PORTS = {"grpc": 8443, "https": 8080, "metrics": 9090, "health": 8081}
OFFICES = ["kreis-soest", "lippstadt", "soest", "warstein"]
# Keys of an office file the chart writes itself (and that tenants/ sets for the local run).
CHART_OFFICE_KEYS = {"id", "name", "district", "server", "http", "database", "tls", "metrics",
                     "health"}
PEM = re.compile(r"-----BEGIN [A-Z0-9 ]+-----")
# A password in a libpq URI (user:password@) or key/value DSN (password=…).
DSN_PASSWORD = re.compile(r"://[^/\s:@]+:[^@\s]+@|password\s*=", re.IGNORECASE)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


class Chart:
    def __init__(self, helm, repo):
        self.helm = helm
        self.chart = f"{repo}/helm/schutznetz"
        self.example = f"{self.chart}/examples/kreis-soest.yaml"

    def run(self, *args):
        return subprocess.run([self.helm, *args], capture_output=True, text=True)

    def template(self, *extra):
        """Renders the example (plus `extra` arguments): (returncode, manifests, stderr)."""
        r = self.run("template", RELEASE, self.chart, "--namespace", NAMESPACE,
                     "-f", self.example, *extra)
        docs = [d for d in yaml.safe_load_all(r.stdout) if d] if r.returncode == 0 else []
        return r.returncode, docs, r.stderr


def of_kind(docs, kind):
    return [d for d in docs if d["kind"] == kind]


def name(doc):
    return doc["metadata"]["name"]


def unit(doc):
    return doc["metadata"]["labels"].get("schutznetz/unit")


def check_deployments(docs):
    deployments = of_kind(docs, "Deployment")
    by_component = {}
    for d in deployments:
        by_component.setdefault(d["metadata"]["labels"]["app.kubernetes.io/component"], []).append(d)
    check(len(deployments) == 5, f"5 Deployments expected, got {len(deployments)}")
    check(len(by_component.get("aggregator", [])) == 1, "exactly one aggregator Deployment")
    tenants = sorted(unit(d) for d in by_component.get("tenant", []))
    check(tenants == sorted(OFFICES), f"tenant Deployments for {OFFICES}, got {tenants}")

    for d in deployments:
        where = f"Deployment {name(d)}"
        pod = d["spec"]["template"]["spec"]
        annotations = d["spec"]["template"]["metadata"].get("annotations", {})
        check("checksum/config" in annotations, f"{where}: no checksum/config annotation")
        check(pod.get("securityContext", {}).get("runAsNonRoot") is True,
              f"{where}: pod securityContext.runAsNonRoot")
        check(pod.get("securityContext", {}).get("seccompProfile", {}).get("type")
              == "RuntimeDefault", f"{where}: seccompProfile RuntimeDefault")
        check(pod.get("automountServiceAccountToken") is False,
              f"{where}: automountServiceAccountToken must be false")
        for c in pod.get("initContainers", []) + pod["containers"]:
            cw = f"{where} container {c['name']}"
            for probe in ("livenessProbe", "readinessProbe"):
                grpc = c.get(probe, {}).get("grpc", {})
                check(grpc.get("port") == PORTS["health"],
                      f"{cw}: {probe} must be a grpc probe on port {PORTS['health']}, got "
                      f"{c.get(probe)}")
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            check(ports.get("health") == PORTS["health"], f"{cw}: health port")
            check(ports.get("grpc") == PORTS["grpc"], f"{cw}: grpc port")
            check(ports.get("metrics") == PORTS["metrics"], f"{cw}: metrics port")
            sc = c.get("securityContext", {})
            check(sc.get("runAsNonRoot") is True, f"{cw}: runAsNonRoot")
            check(sc.get("readOnlyRootFilesystem") is True, f"{cw}: readOnlyRootFilesystem")
            check(sc.get("allowPrivilegeEscalation") is False, f"{cw}: allowPrivilegeEscalation")
            check("ALL" in sc.get("capabilities", {}).get("drop", []), f"{cw}: drop ALL")
            res = c.get("resources", {})
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    check(res.get(part, {}).get(r), f"{cw}: resources.{part}.{r} not set")
            check(any(m["mountPath"] == "/tmp" for m in c.get("volumeMounts", [])),
                  f"{cw}: writable /tmp")
    return deployments


def secret_refs(deployment):
    """Names of the Secrets a Deployment uses."""
    refs = set()
    pod = deployment["spec"]["template"]["spec"]
    for c in pod["containers"]:
        for e in c.get("env", []):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                refs.add(ref["name"])
    for v in pod.get("volumes", []):
        if "secret" in v:
            refs.add(v["secret"]["secretName"])
        for source in v.get("projected", {}).get("sources", []):
            if "secret" in source:
                refs.add(source["secret"]["name"])
    return refs


def existing_secrets(values):
    names = set()
    for spec in [values["aggregator"]] + values["offices"]:
        for section in ("database", "tls"):
            if spec.get(section, {}).get("existingSecret"):
                names.add(spec[section]["existingSecret"])
    return names


def check_no_secrets_in_configmaps(docs, what):
    for cm in of_kind(docs, "ConfigMap"):
        for key, text in cm.get("data", {}).items():
            where = f"{what}: ConfigMap {name(cm)} key {key}"
            check(not PEM.search(text), f"{where} holds a PEM block")
            check(not DSN_PASSWORD.search(text), f"{where} holds a DSN with a password")
            if key.endswith(".yaml"):
                config = yaml.safe_load(text)
                db = config.get("aggregator", config).get("database", {})
                check(not db.get("dsn"), f"{where}: database.dsn must be empty, got {db}")


def check_secrets(docs, existing, what, inline):
    """`existing`: the existingSecret names of the values; `inline`: the Secrets to render."""
    rendered = {name(s) for s in of_kind(docs, "Secret")}
    check(rendered == set(inline), f"{what}: Secrets rendered {sorted(rendered)}, expected "
          f"{sorted(inline)}")
    check(not (rendered & existing), f"{what}: existingSecret rendered: {rendered & existing}")
    for d in of_kind(docs, "Deployment"):
        for ref in secret_refs(d):
            check(ref in rendered or ref in existing,
                  f"{what}: Deployment {name(d)} uses Secret {ref}, neither rendered nor an "
                  f"existingSecret")


def selects(selector, deployment):
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def check_per_unit_objects(docs, deployments):
    for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy"):
        objects = of_kind(docs, kind)
        check(len(objects) == len(deployments),
              f"{len(deployments)} {kind}s expected, got {len(objects)}")
        for d in deployments:
            if kind == "Service":
                matching = [o for o in objects if selects({"matchLabels": o["spec"]["selector"]}, d)]
            elif kind == "NetworkPolicy":
                matching = [o for o in objects if selects(o["spec"]["podSelector"], d)]
            else:
                matching = [o for o in objects if selects(o["spec"]["selector"], d)]
            check(len(matching) == 1, f"{kind} for Deployment {name(d)}: {len(matching)} match")

    for svc in of_kind(docs, "Service"):
        ports = {p["name"]: p["port"] for p in svc["spec"]["ports"]}
        check(ports.get("grpc") == PORTS["grpc"], f"Service {name(svc)}: grpc port")

    for np in of_kind(docs, "NetworkPolicy"):
        where = f"NetworkPolicy {name(np)}"
        spec = np["spec"]
        check(sorted(spec["policyTypes"]) == ["Egress", "Ingress"], f"{where}: policyTypes")
        ingress_ports = {p["port"] for r in spec["ingress"] for p in r.get("ports", [])}
        egress_ports = {p["port"] for r in spec["egress"] for p in r.get("ports", [])}
        check(all(r.get("from") for r in spec["ingress"]), f"{where}: ingress rule without from")
        check(all(r.get("to") for r in spec["egress"]), f"{where}: egress rule without to")
        check(ingress_ports <= {PORTS["grpc"], PORTS["https"], PORTS["metrics"], PORTS["health"]},
              f"{where}: unexpected ingress ports {ingress_ports}")
        check({5432, 53} <= egress_ports, f"{where}: egress to PostgreSQL and DNS")
        component = np["metadata"]["labels"]["app.kubernetes.io/component"]
        peers = lambda rules, key: [p.get("podSelector", {}).get("matchLabels", {})
                                    for r in rules for p in r[key] if "namespaceSelector" not in p]
        if component == "aggregator":
            check(any(s.get("app.kubernetes.io/component") == "tenant"
                      for s in peers(spec["ingress"], "from")),
                  f"{where}: offices must reach the aggregator")
        else:
            check(any(s.get("app.kubernetes.io/component") == "aggregator"
                      for s in peers(spec["egress"], "to")),
                  f"{where}: the office must reach the aggregator")
            check(egress_ports == {5432, 53, PORTS["grpc"]},
                  f"{where}: egress only to PostgreSQL, DNS and the aggregator, got {egress_ports}")


def check_configs(docs, repo):
    """The rendered configuration says what tenants/kreis-soest/ says, plus the chart's keys."""
    cms = {name(cm): cm["data"] for cm in of_kind(docs, "ConfigMap")}
    district = yaml.safe_load(cms[f"{RELEASE}-district"]["district.yaml"])
    want = yaml.safe_load(open(f"{repo}/tenants/kreis-soest/district.yaml"))
    for key in ("id", "name", "offices", "agreements", "public_contacts"):
        check(district.get(key) == want.get(key), f"district.yaml {key}: {district.get(key)!r} "
              f"!= tenants/kreis-soest {want.get(key)!r}")
    agg = district["aggregator"]
    check(agg["address"] == f"{RELEASE}-aggregator:{PORTS['grpc']}", "aggregator.address")
    for section, port in (("server", "grpc"), ("http", "https"), ("metrics", "metrics"),
                          ("health", "health")):
        check(agg.get(section, {}).get("listen") == f"0.0.0.0:{PORTS[port]}",
              f"district.yaml aggregator.{section}.listen")
    check(agg["tls"].get("crl_file"), "district.yaml aggregator.tls.crl_file")

    for office in OFFICES:
        data = cms[f"{RELEASE}-{office}-config"]
        config = yaml.safe_load(data["office.yaml"])
        want = yaml.safe_load(open(f"{repo}/tenants/kreis-soest/{office}.yaml"))
        for key in set(config) | set(want):
            if key in CHART_OFFICE_KEYS - {"id", "name"}:
                continue
            check(config.get(key) == want.get(key), f"{office}: office.yaml {key}: "
                  f"{config.get(key)!r} != tenants/kreis-soest {want.get(key)!r}")
        check(config["district"] == "district.yaml", f"{office}: district file")
        for section, port in (("server", "grpc"), ("http", "https"), ("metrics", "metrics"),
                              ("health", "health")):
            check(config.get(section, {}).get("listen") == f"0.0.0.0:{PORTS[port]}",
                  f"{office}: {section}.listen")
        check(config.get("database") == {}, f"{office}: database has no DSN")
        check(config["tls"]["cert_file"].startswith("/etc/schutznetz/tls/"), f"{office}: tls")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--helm", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    chart = Chart(args.helm, args.repo)
    values = yaml.safe_load(open(chart.example))

    lint = chart.run("lint", "--strict", chart.chart, "-f", chart.example)
    if not check(lint.returncode == 0, f"helm lint --strict failed:\n{lint.stdout}{lint.stderr}"):
        return report()

    rc, docs, err = chart.template()
    if not check(rc == 0, f"helm template failed:\n{err}"):
        return report()
    counts = {}
    for d in docs:
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    print("Kreis Soest example:", ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    deployments = check_deployments(docs)
    check_no_secrets_in_configmaps(docs, "example")
    existing = existing_secrets(values)
    check_secrets(docs, existing, "example", inline=[])
    check_per_unit_objects(docs, deployments)
    check_configs(docs, args.repo)
    check(not of_kind(docs, "ServiceMonitor"), "no ServiceMonitor unless enabled")

    # Inline secrets for the aggregator and Lippstadt: rendered into Secrets, not ConfigMaps.
    dsn = "postgresql://schutznetz:office-db-password@pg.example:5432/lippstadt"
    pem = "-----BEGIN CERTIFICATE-----\nZmFrZQ==\n-----END CERTIFICATE-----\n"
    key = "-----BEGIN PRIVATE KEY-----\nZmFrZQ==\n-----END PRIVATE KEY-----\n"
    crl = "-----BEGIN X509 CRL-----\nZmFrZQ==\n-----END X509 CRL-----\n"
    tls = {"cert": pem, "key": key, "ca": pem}
    inline_values = [
        "--set-json", "aggregator.database=" + json.dumps({"dsn": dsn.replace("lippstadt", "agg")}),
        "--set-json", "aggregator.tls=" + json.dumps({**tls, "crl": crl, "crlEnabled": True}),
        "--set-json", "offices[1].database=" + json.dumps({"dsn": dsn}),
        "--set-json", "offices[1].tls=" + json.dumps(tls),
    ]
    rc, inline, err = chart.template(*inline_values)
    if check(rc == 0, f"helm template with inline secrets failed:\n{err}"):
        rendered = [f"{RELEASE}-{u}-{s}" for u in ("aggregator", "lippstadt") for s in ("db", "tls")]
        replaced = {spec[section]["existingSecret"] for spec in (values["aggregator"],
                                                                 values["offices"][1])
                    for section in ("database", "tls")}
        check_no_secrets_in_configmaps(inline, "inline secrets")
        check_secrets(inline, existing - replaced, "inline secrets", inline=rendered)
        secrets = {name(s): s for s in of_kind(inline, "Secret")}
        agg_tls = secrets.get(f"{RELEASE}-aggregator-tls", {}).get("data", {})
        check(set(agg_tls) == {"tls.crt", "tls.key", "ca.crt", "crl.pem"},
              f"aggregator TLS Secret keys: {sorted(agg_tls)}")
        for d in of_kind(inline, "Deployment"):
            annotated = "checksum/secrets" in d["spec"]["template"]["metadata"]["annotations"]
            check(annotated == (unit(d) in ("aggregator", "lippstadt")),
                  f"Deployment {name(d)}: checksum/secrets only for inline secrets")

    rc, monitored, err = chart.template("--set", "serviceMonitor.enabled=true")
    check(rc == 0 and len(of_kind(monitored, "ServiceMonitor")) == 1,
          f"serviceMonitor.enabled=true renders one ServiceMonitor: {err}")

    # Values the chart refuses, with a message that says what to fix.
    refused = [
        (["--set", "offices[1].id=null"], "offices[1].id is required"),
        (["--set", "offices[2].id=lippstadt"], "office listed twice"),
        (["--set", "offices[1].id=Lippstadt"], "must be a slug"),
        (["--set", "offices[1].name=null"], "offices[1] (id lippstadt).name is required"),
        (["--set", "offices[1].database.existingSecret=null"],
         "offices[1] (id lippstadt).database: give dsn"),
        (["--set", "offices[1].config.database.dsn=postgresql://u:p@h/db"],
         "a DSN must not go into the configuration"),
        (["--set", "district.config.aggregator.database.dsn=postgresql://u:p@h/db"],
         "a DSN must not go into the configuration"),
        (["--set", "offices[1].tls.existingSecret=null"],
         "offices[1] (id lippstadt).tls: give cert, key and ca"),
        (["--set", "offices[1].config.server.listen=0.0.0.0:1"], "is set by the chart"),
        (["--set", "district.id=null"], "district.id is required"),
        (["--set", "networkPolicy.postgres.cidrs=null"], "networkPolicy.postgres"),
    ]
    for extra, message in refused:
        rc, _, err = chart.template(*extra)
        check(rc != 0 and message in err,
              f"helm template {' '.join(extra)} must fail with '{message}', got rc {rc}: {err}")
    return report()


def report():
    if failures:
        print(f"{len(failures)} chart check(s) failed:")
        for f in failures:
            print("  -", f)
        return 1
    print("chart checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
