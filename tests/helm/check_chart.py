#!/usr/bin/python3
"""Checks the Helm chart helm/schutznetz with the Kreis Soest example values.

Runs `helm lint --strict`, renders the chart with `helm template` and checks the manifests: one
Deployment for the aggregator and one per office of tenants/kreis-soest/, gRPC probes on the
health port, a locked-down security context, resources, no secret material in ConfigMaps,
Secrets only for values given inline (never for an existingSecret), NetworkPolicies,
PodDisruptionBudgets, Services, and office configurations that say what tenants/kreis-soest/
says; the web UI's listener (port, Service port, ui.listen, NetworkPolicy from uiFrom) on every
unit. Then renders variants: inline secrets, the ServiceMonitor, the web UI switched off per unit,
uiFrom emptied or overridden, its session settings, several replicas, and values the chart must
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
PORTS = {"grpc": 8443, "https": 8080, "ui": 8444, "metrics": 9090, "health": 8081}
OFFICES = ["kreis-soest", "lippstadt", "soest", "warstein"]
# Keys of an office file the chart writes itself (and that tenants/ sets for the local run).
CHART_OFFICE_KEYS = {"id", "name", "district", "server", "http", "ui", "database", "tls", "metrics",
                     "health"}
# The web UI's sources in the example: the Kreis's network, the aggregator's and Lippstadt's own.
UI_FROM = {"aggregator": [{"ipBlock": {"cidr": "10.61.10.0/24"}}],
           "lippstadt": [{"ipBlock": {"cidr": "10.62.0.0/16"}}]}
UI_FROM_DEFAULT = [{"ipBlock": {"cidr": "10.61.0.0/16"}}]
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
            check(ports.get("https") == PORTS["https"], f"{cw}: https port")
            check(ports.get("ui") == PORTS["ui"], f"{cw}: ui port")
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
        ports = {p["name"]: p for p in svc["spec"]["ports"]}
        check(ports.get("grpc", {}).get("port") == PORTS["grpc"], f"Service {name(svc)}: grpc port")
        for port in ("https", "ui"):
            want = {"name": port, "port": PORTS[port], "targetPort": port, "protocol": "TCP",
                    "appProtocol": "https"}
            check(ports.get(port) == want, f"Service {name(svc)}: {port} port {ports.get(port)} "
                  f"!= {want}")
        check("sessionAffinity" not in svc["spec"],
              f"Service {name(svc)}: no sessionAffinity with one replica")

    for np in of_kind(docs, "NetworkPolicy"):
        where = f"NetworkPolicy {name(np)}"
        spec = np["spec"]
        check(sorted(spec["policyTypes"]) == ["Egress", "Ingress"], f"{where}: policyTypes")
        ingress_ports = {p["port"] for r in spec["ingress"] for p in r.get("ports", [])}
        egress_ports = {p["port"] for r in spec["egress"] for p in r.get("ports", [])}
        check(all(r.get("from") for r in spec["ingress"]), f"{where}: ingress rule without from")
        check(all(r.get("to") for r in spec["egress"]), f"{where}: egress rule without to")
        check(ingress_ports <= set(PORTS.values()), f"{where}: unexpected ingress ports "
              f"{ingress_ports}")
        ui_from = ingress_from(np, PORTS["ui"])
        want = UI_FROM.get(unit(np), UI_FROM_DEFAULT)
        check(ui_from == want, f"{where}: web UI from {ui_from}, expected {want}")
        check(all(p.get("ipBlock", {}).get("cidr") != "0.0.0.0/0" for p in ui_from),
              f"{where}: the web UI must not be open to the internet")
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


def ingress_from(np, port):
    """The peers a NetworkPolicy admits to `port` (in rule order)."""
    return [peer for r in np["spec"]["ingress"] if any(p["port"] == port for p in r.get("ports", []))
            for peer in r["from"]]


def configs(docs):
    """unit -> its configuration: the aggregator section of district.yaml, or office.yaml."""
    cms = {name(cm): cm["data"] for cm in of_kind(docs, "ConfigMap")}
    result = {"aggregator": yaml.safe_load(cms[f"{RELEASE}-district"]["district.yaml"])["aggregator"]}
    for cm in of_kind(docs, "ConfigMap"):
        if "office.yaml" in cm["data"]:
            result[unit(cm)] = yaml.safe_load(cm["data"]["office.yaml"])
    return result


def web_ui(docs):
    """unit -> where its web UI shows: (container port, Service port, ui.listen, ingress rule)."""
    listen = {u: c.get("ui", {}).get("listen") for u, c in configs(docs).items()}
    result = {}
    for d in of_kind(docs, "Deployment"):
        u = unit(d)
        container = {p["name"]: p["containerPort"]
                     for p in d["spec"]["template"]["spec"]["containers"][0]["ports"]}
        svc = next(s for s in of_kind(docs, "Service") if unit(s) == u)
        service = {p["name"]: p["port"] for p in svc["spec"]["ports"]}
        nps = [np for np in of_kind(docs, "NetworkPolicy") if unit(np) == u]
        result[u] = (container.get("ui") == PORTS["ui"], service.get("ui") == PORTS["ui"],
                     listen.get(u) == f"0.0.0.0:{PORTS['ui']}",
                     bool(nps and ingress_from(nps[0], PORTS["ui"])))
    return result


def check_web_ui(chart):
    """The web UI's listener switched per unit, its sources, sessions and replicas."""
    everywhere = (True, True, True, True)
    nowhere = (False, False, False, False)
    # Off for one office against the default (false survives the merge with officeDefaults);
    # two replicas: the UI's sessions live in the process, so the Service sticks to a client.
    rc, docs, err = chart.template("--set", "offices[2].webUi=false",
                                   "--set", "offices[1].replicas=2", "--set", "offices[2].replicas=2")
    if check(rc == 0, f"helm template with offices[2].webUi=false failed:\n{err}"):
        ui = web_ui(docs)
        want = {u: nowhere if u == "soest" else everywhere for u in ["aggregator"] + OFFICES}
        check(ui == want, f"offices[2].webUi=false: web UI {ui}, expected {want}")
        check("ui" not in configs(docs)["soest"], "offices[2].webUi=false: no ui section")
        affinity = {unit(s): s["spec"].get("sessionAffinity") for s in of_kind(docs, "Service")}
        check(affinity.get("lippstadt") == "ClientIP",
              f"two replicas with the web UI: sessionAffinity ClientIP, got {affinity}")
        check(affinity.get("soest") is None,
              f"two replicas without the web UI: no sessionAffinity, got {affinity}")
    # Off by default and at the aggregator, on for one office.
    rc, docs, err = chart.template("--set", "officeDefaults.webUi=false",
                                   "--set", "aggregator.webUi=false", "--set", "offices[1].webUi=true")
    if check(rc == 0, f"helm template with officeDefaults.webUi=false failed:\n{err}"):
        ui = web_ui(docs)
        want = {u: everywhere if u == "lippstadt" else nowhere for u in ["aggregator"] + OFFICES}
        check(ui == want, f"webUi only for offices[1]: web UI {ui}, expected {want}")
    # No sources: the UI listens, but no ingress rule admits anybody; a unit's own list wins,
    # an empty one too.
    rc, docs, err = chart.template("--set", "networkPolicy.uiFrom=null",
                                   "--set", "aggregator.networkPolicy.uiFrom=null",
                                   "--set-json", "offices[3].networkPolicy={\"uiFrom\": "
                                   "[{\"ipBlock\": {\"cidr\": \"10.64.0.0/16\"}}]}")
    if check(rc == 0, f"helm template with networkPolicy.uiFrom=null failed:\n{err}"):
        got = {unit(np): ingress_from(np, PORTS["ui"]) for np in of_kind(docs, "NetworkPolicy")}
        want = {u: [] for u in ["aggregator"] + OFFICES}
        want["lippstadt"] = UI_FROM["lippstadt"]
        want["warstein"] = [{"ipBlock": {"cidr": "10.64.0.0/16"}}]
        check(got == want, f"uiFrom emptied: web UI sources {got}, expected {want}")
    rc, docs, err = chart.template("--set-json", "offices[1].networkPolicy.uiFrom=[]")
    if check(rc == 0, f"helm template with offices[1].networkPolicy.uiFrom=[] failed:\n{err}"):
        got = {unit(np): ingress_from(np, PORTS["ui"]) for np in of_kind(docs, "NetworkPolicy")}
        check(got.get("lippstadt") == [] and got.get("soest") == UI_FROM_DEFAULT,
              f"offices[1].networkPolicy.uiFrom=[]: web UI sources {got}")
    # The sessions' settings pass through beside the chart's listen address.
    rc, docs, err = chart.template("--set", "offices[1].config.ui.session_idle_minutes=20",
                                   "--set", "offices[1].config.ui.session_max_hours=8",
                                   "--set", "district.config.aggregator.ui.session_idle_minutes=15")
    if check(rc == 0, f"helm template with ui session settings failed:\n{err}"):
        c = configs(docs)
        listen = f"0.0.0.0:{PORTS['ui']}"
        want = {"listen": listen, "session_idle_minutes": 20, "session_max_hours": 8}
        check(c["lippstadt"].get("ui") == want, f"lippstadt ui {c['lippstadt'].get('ui')} != {want}")
        want = {"listen": listen, "session_idle_minutes": 15}
        check(c["aggregator"].get("ui") == want, f"aggregator ui {c['aggregator'].get('ui')} != {want}")
        check(c["soest"].get("ui") == {"listen": listen}, f"soest ui {c['soest'].get('ui')}")


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
    for section, port in (("server", "grpc"), ("http", "https"), ("ui", "ui"),
                          ("metrics", "metrics"), ("health", "health")):
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
        for section, port in (("server", "grpc"), ("http", "https"), ("ui", "ui"),
                              ("metrics", "metrics"), ("health", "health")):
            check(config.get(section, {}).get("listen") == f"0.0.0.0:{PORTS[port]}",
                  f"{office}: {section}.listen")
        check(config["ui"] == {"listen": f"0.0.0.0:{PORTS['ui']}"},
              f"{office}: ui has only the chart's listen address, got {config['ui']}")
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
    check_web_ui(chart)

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
        (["--set", "offices[1].config.ui.listen=0.0.0.0:1"],
         "offices[1] (id lippstadt).config.ui.listen is set by the chart"),
        (["--set", "district.config.aggregator.ui.listen=0.0.0.0:1"],
         "district.config.aggregator.ui.listen is set by the chart"),
        (["--set", "offices[1].config.ui.assets_dir=/srv/ui"],
         "offices[1] (id lippstadt).config.ui.assets_dir is for development only"),
        (["--set", "district.config.aggregator.ui.assets_dir=/srv/ui"],
         "district.config.aggregator.ui.assets_dir is for development only"),
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
