{{/*
Names, labels and the list of units this chart deploys. A unit is one Deployment: the district
aggregator, or the tenant service of one office. "schutznetz.units" validates the values once
and is what every template ranges over.
*/}}

{{- define "schutznetz.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "schutznetz.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object of the release carries. */}}
{{- define "schutznetz.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "schutznetz.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: schutznetz
{{- end -}}

{{/* Selector labels of one component (aggregator or tenant); argument: dict root, component. */}}
{{- define "schutznetz.componentSelector" -}}
app.kubernetes.io/name: {{ include "schutznetz.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Selector labels of one unit; argument: dict root, unit. */}}
{{- define "schutznetz.selector" -}}
{{ include "schutznetz.componentSelector" (dict "root" .root "component" .unit.component) }}
schutznetz/unit: {{ .unit.name }}
{{- end -}}

{{/* All labels of a unit's objects; argument: dict root, unit. */}}
{{- define "schutznetz.unitLabels" -}}
{{ include "schutznetz.labels" .root }}
app.kubernetes.io/component: {{ .unit.component }}
schutznetz/unit: {{ .unit.name }}
{{- if eq .unit.component "tenant" }}
schutznetz/office: {{ .unit.name }}
{{- end }}
{{- end -}}

{{/* The container ports. Fixed: the services' configuration is rendered with these. */}}
{{- define "schutznetz.ports" -}}
{{- dict "grpc" 8443 "https" 8080 "ui" 8444 "metrics" 9090 "health" 8081 | toJson -}}
{{- end -}}

{{- define "schutznetz.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "schutznetz.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "schutznetz.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The aggregator's address as the offices dial it (its certificate must name this host). */}}
{{- define "schutznetz.aggregatorAddress" -}}
{{- default (printf "%s-aggregator:8443" (include "schutznetz.fullname" .)) .Values.aggregator.address -}}
{{- end -}}

{{/*
Fails unless `config` (a map from values) leaves the chart's keys alone: the chart sets the
listen addresses, TLS paths, ids and the database DSN itself, a DSN must never end up in a
ConfigMap, and ui.assets_dir (serving the web UI's files from disk) is for development only.
Argument: dict where (for the message), config, keys (list of dotted paths).
*/}}
{{- define "schutznetz.checkManagedKeys" -}}
{{- $config := .config -}}
{{- range $path := .keys -}}
{{- $node := $config -}}
{{- $found := true -}}
{{- range $key := splitList "." $path -}}
{{- if and $found (kindIs "map" $node) (hasKey $node $key) -}}
{{- $node = index $node $key -}}
{{- else -}}
{{- $found = false -}}
{{- end -}}
{{- end -}}
{{- if $found -}}
{{- if hasSuffix "dsn" $path -}}
{{- fail (printf "%s.config.%s: a DSN must not go into the configuration (it would land in a ConfigMap); give it as %s.database.dsn (rendered into a Secret) or %s.database.existingSecret" $.where $path $.where $.where) -}}
{{- else if hasSuffix "assets_dir" $path -}}
{{- fail (printf "%s.config.%s is for development only (the image serves the web UI's files built into the binary); remove it from the values" $.where $path) -}}
{{- else -}}
{{- fail (printf "%s.config.%s is set by the chart; remove it from the values" $.where $path) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Fails unless a unit has a database DSN and TLS material: inline values (rendered into Secrets)
or an existing Secret. Argument: dict where, spec, crl (bool).
*/}}
{{- define "schutznetz.checkSecrets" -}}
{{- $db := .spec.database | default dict -}}
{{- if not (or $db.dsn $db.existingSecret) -}}
{{- fail (printf "%s.database: give dsn (rendered into a Secret) or existingSecret (a Secret with key %s)" .where (default "dsn" $db.existingSecretKey)) -}}
{{- end -}}
{{- $tls := .spec.tls | default dict -}}
{{- if not $tls.existingSecret -}}
{{- if not (and $tls.cert $tls.key $tls.ca) -}}
{{- fail (printf "%s.tls: give cert, key and ca (PEM, rendered into a Secret) or existingSecret (a Secret with keys tls.crt, tls.key, ca.crt%s)" .where (ternary ", crl.pem" "" .crl)) -}}
{{- end -}}
{{- if and .crl (not $tls.crl) -}}
{{- fail (printf "%s.tls.crl: the district CRL (PEM) is required while tls.crlEnabled is true" .where) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The units as JSON: {"units": [{name, component, fullname, binary, configFile, dsnEnv, crl, spec}]}.
`spec` is the unit's values (an office's merged over officeDefaults). Every check of the values
happens here, so every template fails the same way.
*/}}
{{- define "schutznetz.units" -}}
{{- $root := . -}}
{{- $fullname := include "schutznetz.fullname" . -}}
{{- $slug := "^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$" -}}
{{- $district := .Values.district | default dict -}}
{{- if not $district.id -}}
{{- fail "district.id is required (the district's slug, e.g. kreis-soest)" -}}
{{- end -}}
{{- if not (regexMatch $slug $district.id) -}}
{{- fail (printf "district.id %q must be a slug like kreis-soest" $district.id) -}}
{{- end -}}
{{- if not $district.name -}}
{{- fail "district.name is required (e.g. Kreis Soest)" -}}
{{- end -}}
{{- include "schutznetz.checkManagedKeys" (dict "where" "district" "config" ($district.config | default dict) "keys" (list "id" "name" "offices" "aggregator.address" "aggregator.server.listen" "aggregator.http" "aggregator.ui.listen" "aggregator.ui.assets_dir" "aggregator.metrics" "aggregator.health" "aggregator.tls" "aggregator.database.dsn")) -}}
{{- $agg := deepCopy .Values.aggregator -}}
{{- include "schutznetz.checkSecrets" (dict "where" "aggregator" "spec" $agg "crl" $agg.tls.crlEnabled) -}}
{{- $units := list (dict "name" "aggregator" "component" "aggregator" "fullname" (printf "%s-aggregator" $fullname) "binary" "schutznetz-aggregator" "configFile" "district.yaml" "dsnEnv" "SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN" "crl" $agg.tls.crlEnabled "spec" $agg) -}}
{{- if not .Values.offices -}}
{{- fail "offices: list at least one office (id, name, config)" -}}
{{- end -}}
{{- $seen := dict -}}
{{- range $i, $office := .Values.offices -}}
{{- $where := printf "offices[%d]" $i -}}
{{- if not $office.id -}}
{{- fail (printf "%s.id is required (the office's slug, e.g. lippstadt)" $where) -}}
{{- end -}}
{{- $where = printf "offices[%d] (id %s)" $i $office.id -}}
{{- if not (regexMatch $slug $office.id) -}}
{{- fail (printf "%s: id must be a slug like lippstadt" $where) -}}
{{- end -}}
{{- if eq $office.id "aggregator" -}}
{{- fail (printf "%s: the id aggregator is taken by the district aggregator" $where) -}}
{{- end -}}
{{- if hasKey $seen $office.id -}}
{{- fail (printf "%s: office listed twice" $where) -}}
{{- end -}}
{{- $_ := set $seen $office.id true -}}
{{- if not $office.name -}}
{{- fail (printf "%s.name is required (e.g. Jugendamt der Stadt Lippstadt)" $where) -}}
{{- end -}}
{{- include "schutznetz.checkManagedKeys" (dict "where" $where "config" ($office.config | default dict) "keys" (list "id" "name" "district" "server.listen" "http" "ui.listen" "ui.assets_dir" "metrics" "health" "tls" "database.dsn")) -}}
{{- range $file, $_ := $office.files | default dict -}}
{{- if or (has $file (list "office.yaml" "district.yaml" "tls")) (not (regexMatch "^[A-Za-z0-9._-]+$" $file)) -}}
{{- fail (printf "%s.files: %q is not a usable file name" $where $file) -}}
{{- end -}}
{{- end -}}
{{- $spec := mergeOverwrite (deepCopy $root.Values.officeDefaults) (deepCopy $office) -}}
{{- /* mergeOverwrite skips false, 0 and empty lists: an office's own value wins all the same */ -}}
{{- range $key := list "publicPages" "webUi" "replicas" "networkPolicy" -}}
{{- if hasKey $office $key -}}
{{- $_ := set $spec $key (deepCopy (index $office $key)) -}}
{{- end -}}
{{- end -}}
{{- include "schutznetz.checkSecrets" (dict "where" $where "spec" $spec "crl" false) -}}
{{- $unitName := printf "%s-%s" $fullname $office.id -}}
{{- if gt (len $unitName) 63 -}}
{{- fail (printf "%s: the object name %s is longer than 63 characters; set fullnameOverride to something shorter" $where $unitName) -}}
{{- end -}}
{{- $units = append $units (dict "name" $office.id "component" "tenant" "fullname" $unitName "binary" "schutznetz-tenant" "configFile" "office.yaml" "dsnEnv" "SCHUTZNETZ_DATABASE_DSN" "crl" false "spec" $spec) -}}
{{- end -}}
{{- dict "units" $units | toJson -}}
{{- end -}}

{{/* The Secret holding a unit's DSN, and the key in it; argument: unit. */}}
{{- define "schutznetz.dbSecretName" -}}
{{- default (printf "%s-db" .fullname) .spec.database.existingSecret -}}
{{- end -}}
{{- define "schutznetz.dbSecretKey" -}}
{{- if .spec.database.existingSecret -}}{{ default "dsn" .spec.database.existingSecretKey }}{{- else -}}dsn{{- end -}}
{{- end -}}
{{- define "schutznetz.tlsSecretName" -}}
{{- default (printf "%s-tls" .fullname) .spec.tls.existingSecret -}}
{{- end -}}

{{/*
district.yaml as the aggregator and every office read it. The chart sets the district's id,
name and offices, the aggregator's address, listen addresses and TLS paths; `district.config`
adds the rest. aggregator.database.dsn is an empty placeholder: the offices read this file too
and must not see the aggregator's DSN; the aggregator gets it from
SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN (a Secret).
*/}}
{{/*
The keys the chart sets in a service's configuration (both files use the same names, the
district file under `aggregator:`): listen addresses and TLS paths. Argument: dict root,
publicPages (bool), webUi (bool), crl (bool). JSON. The web UI's listener (ui.listen) uses the
same certificate and key as the others; its other keys (ui.session_idle_minutes,
ui.session_max_hours) come from the values' config and are merged in beside it.
*/}}
{{- define "schutznetz.managedConfig" -}}
{{- $ports := include "schutznetz.ports" .root | fromJson -}}
{{- $tls := dict "cert_file" "/etc/schutznetz/tls/tls.crt" "key_file" "/etc/schutznetz/tls/tls.key" "ca_file" "/etc/schutznetz/tls/ca.crt" -}}
{{- if .crl -}}
{{- $_ := set $tls "crl_file" "/etc/schutznetz/tls/crl.pem" -}}
{{- end -}}
{{- $config := dict
    "server" (dict "listen" (printf "0.0.0.0:%v" $ports.grpc))
    "metrics" (dict "listen" (printf "0.0.0.0:%v" $ports.metrics))
    "health" (dict "listen" (printf "0.0.0.0:%v" $ports.health))
    "tls" $tls -}}
{{- if .publicPages -}}
{{- $_ := set $config "http" (dict "listen" (printf "0.0.0.0:%v" $ports.https)) -}}
{{- end -}}
{{- if .webUi -}}
{{- $_ := set $config "ui" (dict "listen" (printf "0.0.0.0:%v" $ports.ui)) -}}
{{- end -}}
{{- toJson $config -}}
{{- end -}}

{{/*
district.yaml as the aggregator and every office read it. The chart sets the district's id,
name and offices, the aggregator's address, listen addresses and TLS paths; `district.config`
adds the rest. aggregator.database.dsn is an empty placeholder: the offices read this file too
and must not see the aggregator's DSN; the aggregator gets it from
SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN (a Secret).
*/}}
{{- define "schutznetz.districtConfig" -}}
{{- $offices := list -}}
{{- range .Values.offices -}}
{{- $offices = append $offices (dict "id" .id "name" .name) -}}
{{- end -}}
{{- $aggregator := include "schutznetz.managedConfig" (dict "root" . "publicPages" .Values.aggregator.publicPages "webUi" .Values.aggregator.webUi "crl" .Values.aggregator.tls.crlEnabled) | fromJson -}}
{{- $_ := set $aggregator "address" (include "schutznetz.aggregatorAddress" .) -}}
{{- $_ := set $aggregator "database" (dict "dsn" "") -}}
{{- $base := dict "id" .Values.district.id "name" .Values.district.name "offices" $offices "aggregator" $aggregator -}}
{{- $config := mergeOverwrite (deepCopy (.Values.district.config | default dict)) $base -}}
# district.yaml of {{ .Values.district.name }}, rendered by the schutznetz Helm chart.
# aggregator.database.dsn stays empty here: the aggregator reads its DSN from
# SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN (a Secret); the offices never see it.
{{ toYaml $config }}
{{- end -}}

{{/* An office's office.yaml; argument: dict root, unit. */}}
{{- define "schutznetz.officeConfig" -}}
{{- $spec := .unit.spec -}}
{{- $base := include "schutznetz.managedConfig" (dict "root" .root "publicPages" $spec.publicPages "webUi" $spec.webUi "crl" false) | fromJson -}}
{{- $_ := set $base "id" $spec.id -}}
{{- $_ := set $base "name" $spec.name -}}
{{- $_ := set $base "district" "district.yaml" -}}
{{- $_ := set $base "database" dict -}}
{{- $config := mergeOverwrite (deepCopy ($spec.config | default dict)) $base -}}
# {{ $spec.id }}.yaml ({{ $spec.name }}), rendered by the schutznetz Helm chart.
# database.dsn comes from SCHUTZNETZ_DATABASE_DSN (a Secret).
{{ toYaml $config }}
{{- end -}}
