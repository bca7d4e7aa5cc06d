{{/* Name of the chart, overridable. */}}
{{- define "conversations.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: release name, plus the chart name unless it already says it. */}}
{{- define "conversations.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "conversations.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object gets. */}}
{{- define "conversations.labels" -}}
helm.sh/chart: {{ include "conversations.chart" . }}
{{ include "conversations.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: conversations
{{- end }}

{{/* Selector labels: immutable on a Deployment, so they never include the Orleans ids. */}}
{{- define "conversations.selectorLabels" -}}
app.kubernetes.io/name: {{ include "conversations.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The Orleans ids, shared by the pod labels (orleans/clusterId, orleans/serviceId) and the silo's
settings, so they must also be valid label values.
*/}}
{{- define "conversations.clusterId" -}}
{{- include "conversations.labelValue" (list "orleans.clusterId" .Values.orleans.clusterId) }}
{{- end }}

{{- define "conversations.serviceId" -}}
{{- include "conversations.labelValue" (list "orleans.serviceId" .Values.orleans.serviceId) }}
{{- end }}

{{- define "conversations.labelValue" -}}
{{- $name := index . 0 }}
{{- $value := required (printf "%s is required" $name) (index . 1) | toString }}
{{- if not (regexMatch "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" $value) }}
{{- fail (printf "%s (%q) must be a valid Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit" $name $value) }}
{{- end }}
{{- $value }}
{{- end }}

{{- define "conversations.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "conversations.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding ConnectionStrings__Postgres, Auth__SigningKey and Platform__ApiKey. */}}
{{- define "conversations.secretName" -}}
{{- default (include "conversations.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "conversations.extraSecretName" -}}
{{- printf "%s-extra" (include "conversations.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "conversations.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
HostOptions__ShutdownTimeout as a TimeSpan (hh:mm:ss): the grace period less the pre-stop sleep and
a 5 s margin, so the host finishes stopping the silo before Kubernetes sends SIGKILL.
*/}}
{{- define "conversations.shutdownTimeout" -}}
{{- $grace := int .Values.terminationGracePeriodSeconds }}
{{- $preStop := int .Values.preStopSleepSeconds }}
{{- $seconds := sub (sub $grace $preStop) 5 }}
{{- if lt $seconds 10 }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least preStopSleepSeconds (%d) + 15: the silo needs 10 s or more to leave the cluster" $grace $preStop) }}
{{- end }}
{{- printf "%02d:%02d:%02d" (div $seconds 3600) (mod (div $seconds 60) 60) (mod $seconds 60) }}
{{- end }}
