// helmrender renders a Helm chart's templates the way `helm template` does, for tests on machines
// without a helm binary. It uses the same engine as Helm: Go's text/template with the sprig function
// map plus Helm's own functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup).
//
// It builds in GOPATH mode from Debian's packages only (golang-go, golang-github-masterminds-sprig-dev,
// golang-k8s-sigs-yaml-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o /tmp/helmrender ./helmrender
//
// Usage:
//
//	helmrender [--release NAME] [--namespace NS] [--kube-version v1.31.0] [-f values.yaml]...
//	           [--set a.b=c,d[0]=e]... [--set-string a=b]... [--notes] CHART_DIR
//
// Output: every rendered manifest as its own YAML document, introduced by "---" and a
// "# Source: CHART/templates/FILE" comment, in the order `helm template` uses (by kind, then by
// file). With --notes, prints the rendered NOTES.txt instead. Exits 1 with the error on stderr when
// a template fails (a `required` value missing, a `fail`, a syntax error).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"

	// GOPATH mode outside GOPATH: the v3 modules are imported without their /v3 suffix.
	"github.com/Masterminds/semver"
	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type multiFlag []string

type options struct {
	release     string
	namespace   string
	kubeVersion string
	valueFiles  multiFlag
	sets        multiFlag
	setStrings  multiFlag
	notes       bool
	chartDir    string
}

// apiVersions answers .Capabilities.APIVersions.Has like Helm's default capabilities.
type apiVersions []string

func (a apiVersions) Has(version string) bool {
	for _, v := range a {
		if v == version {
			return true
		}
	}
	return false
}

type kubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (k kubeVersion) String() string { return k.Version }

type capabilities struct {
	KubeVersion kubeVersion
	APIVersions apiVersions
	HelmVersion map[string]interface{}
}

// chartFiles is .Files: the chart's non-template files, read like Helm reads them (paths relative to the chart root;
// a missing file is an empty string, as in Helm).
type chartFiles struct{ root string }

// Get returns the file's content, or "" when it does not exist or lies outside the chart.
func (f chartFiles) Get(name string) string {
	clean := path.Clean("/" + filepath.ToSlash(name))
	if strings.HasPrefix(clean, "/templates/") {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(f.root, filepath.FromSlash(clean)))
	if err != nil {
		return ""
	}
	return string(data)
}

func main() {
	opts, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "helmrender:", err)
		os.Exit(2)
	}
	out, err := render(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Print(out)
}

func parseArgs(args []string) (options, error) {
	opts := options{release: "release-name", namespace: "default", kubeVersion: "v1.31.0"}
	next := func(i *int, name string) (string, error) {
		if *i+1 >= len(args) {
			return "", fmt.Errorf("%s needs a value", name)
		}
		*i++
		return args[*i], nil
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		var err error
		switch arg {
		case "--release", "--name":
			opts.release, err = next(&i, arg)
		case "--namespace", "-n":
			opts.namespace, err = next(&i, arg)
		case "--kube-version":
			opts.kubeVersion, err = next(&i, arg)
		case "-f", "--values":
			var v string
			v, err = next(&i, arg)
			opts.valueFiles = append(opts.valueFiles, v)
		case "--set":
			var v string
			v, err = next(&i, arg)
			opts.sets = append(opts.sets, v)
		case "--set-string":
			var v string
			v, err = next(&i, arg)
			opts.setStrings = append(opts.setStrings, v)
		case "--notes":
			opts.notes = true
		default:
			if strings.HasPrefix(arg, "-") {
				return opts, fmt.Errorf("unknown option %q", arg)
			}
			if opts.chartDir != "" {
				return opts, fmt.Errorf("more than one chart given: %q and %q", opts.chartDir, arg)
			}
			opts.chartDir = arg
		}
		if err != nil {
			return opts, err
		}
	}
	if opts.chartDir == "" {
		return opts, errors.New("usage: helmrender [--release NAME] [--namespace NS] [-f values.yaml]... [--set k=v]... [--set-string k=v]... [--notes] CHART_DIR")
	}
	return opts, nil
}

func readYamlMap(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if values == nil {
		values = map[string]interface{}{}
	}
	return values, nil
}

// chartMetadata maps Chart.yaml to the field names templates use (.Chart.Name, .Chart.AppVersion...).
func chartMetadata(raw map[string]interface{}) map[string]interface{} {
	names := map[string]string{
		"apiVersion": "APIVersion", "name": "Name", "version": "Version", "kubeVersion": "KubeVersion",
		"description": "Description", "type": "Type", "keywords": "Keywords", "home": "Home",
		"sources": "Sources", "dependencies": "Dependencies", "maintainers": "Maintainers", "icon": "Icon",
		"appVersion": "AppVersion", "deprecated": "Deprecated", "annotations": "Annotations",
	}
	meta := map[string]interface{}{}
	for _, field := range names {
		meta[field] = ""
	}
	for key, value := range raw {
		if field, ok := names[key]; ok {
			meta[field] = value
		}
	}
	return meta
}

func render(opts options) (string, error) {
	chartRaw, err := readYamlMap(filepath.Join(opts.chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	if chartRaw["apiVersion"] != "v2" {
		return "", fmt.Errorf("Chart.yaml: apiVersion must be v2, is %v", chartRaw["apiVersion"])
	}
	chartName, _ := chartRaw["name"].(string)
	if chartName == "" {
		return "", errors.New("Chart.yaml: name is required")
	}
	if _, ok := chartRaw["version"].(string); !ok {
		return "", errors.New("Chart.yaml: version is required (a SemVer string)")
	}

	kv, err := semver.NewVersion(opts.kubeVersion)
	if err != nil {
		return "", fmt.Errorf("--kube-version: %w", err)
	}
	if constraint, ok := chartRaw["kubeVersion"].(string); ok && constraint != "" {
		c, err := semver.NewConstraint(constraint)
		if err != nil {
			return "", fmt.Errorf("Chart.yaml kubeVersion: %w", err)
		}
		if !c.Check(kv) {
			return "", fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", constraint, opts.kubeVersion)
		}
	}

	values, err := readYamlMap(filepath.Join(opts.chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, file := range opts.valueFiles {
		override, err := readYamlMap(file)
		if err != nil {
			return "", err
		}
		values = mergeValues(values, override)
	}
	for _, set := range opts.sets {
		override, err := parseSet(set, false)
		if err != nil {
			return "", fmt.Errorf("--set %s: %w", set, err)
		}
		values = mergeValues(values, override)
	}
	for _, set := range opts.setStrings {
		override, err := parseSet(set, true)
		if err != nil {
			return "", fmt.Errorf("--set-string %s: %w", set, err)
		}
		values = mergeValues(values, override)
	}
	if schema := filepath.Join(opts.chartDir, "values.schema.json"); fileExists(schema) {
		return "", errors.New("values.schema.json is not supported by this renderer")
	}

	top := map[string]interface{}{
		"Values": values,
		"Chart":  chartMetadata(chartRaw),
		"Release": map[string]interface{}{
			"Name": opts.release, "Namespace": opts.namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Capabilities": capabilities{
			KubeVersion: kubeVersion{
				Version: "v" + kv.String(), Major: strconv.FormatUint(kv.Major(), 10),
				Minor: strconv.FormatUint(kv.Minor(), 10), GitVersion: "v" + kv.String(),
			},
			APIVersions: apiVersions{
				"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v1", "autoscaling/v2",
				"networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "apiextensions.k8s.io/v1",
				"coordination.k8s.io/v1", "discovery.k8s.io/v1", "storage.k8s.io/v1",
			},
			HelmVersion: map[string]interface{}{"Version": "v3.16.0"},
		},
		"Files": chartFiles{root: opts.chartDir},
	}

	// Every file under templates/ joins one template set, named like Helm names them.
	templatesDir := filepath.Join(opts.chartDir, "templates")
	var names []string
	sources := map[string]string{}
	err = filepath.WalkDir(templatesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(opts.chartDir, p)
		name := path.Join(chartName, filepath.ToSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		names = append(names, name)
		sources[name] = string(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)

	root := template.New("gotpl")
	root.Option("missingkey=zero")
	root.Funcs(funcMap(root))
	for _, name := range names {
		if _, err := root.New(name).Parse(sources[name]); err != nil {
			return "", err
		}
	}

	notesName := path.Join(chartName, "templates", "NOTES.txt")
	type manifest struct {
		source string
		kind   string
		index  int
		doc    string
	}
	var manifests []manifest
	notes := ""
	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") {
			continue
		}
		data := copyMap(top)
		data["Template"] = map[string]interface{}{"Name": name, "BasePath": path.Join(chartName, "templates")}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if name == notesName {
			notes = text
			continue
		}
		for i, doc := range splitDocuments(text) {
			kind := ""
			var head struct {
				Kind string `json:"kind"`
			}
			if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
				return "", fmt.Errorf("%s: rendered YAML does not parse: %w\n%s", name, err, doc)
			}
			kind = head.Kind
			manifests = append(manifests, manifest{source: name, kind: kind, index: i, doc: doc})
		}
	}
	if opts.notes {
		return notes, nil
	}

	sort.SliceStable(manifests, func(i, j int) bool {
		oi, oj := kindOrder(manifests[i].kind), kindOrder(manifests[j].kind)
		if oi != oj {
			return oi < oj
		}
		return manifests[i].source < manifests[j].source
	})
	var out strings.Builder
	for _, m := range manifests {
		out.WriteString("---\n# Source: " + m.source + "\n")
		out.WriteString(strings.TrimRight(m.doc, " \n") + "\n")
	}
	return out.String(), nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func copyMap(m map[string]interface{}) map[string]interface{} {
	c := make(map[string]interface{}, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

// splitDocuments splits a rendered file at "---" lines and drops documents with no content.
func splitDocuments(text string) []string {
	var docs []string
	var current []string
	flush := func() {
		doc := strings.Join(current, "\n")
		current = nil
		for _, line := range strings.Split(doc, "\n") {
			trimmed := strings.TrimSpace(line)
			if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				docs = append(docs, strings.Trim(doc, "\n"))
				return
			}
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimRight(line, " ") == "---" {
			flush()
			continue
		}
		current = append(current, line)
	}
	flush()
	return docs
}

// kindOrder is Helm's install order (releaseutil.InstallOrder), abbreviated.
func kindOrder(kind string) int {
	order := []string{
		"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
		"PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
		"PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
		"ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
		"RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
		"ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
		"IngressClass", "Ingress", "APIService",
	}
	for i, k := range order {
		if k == kind {
			return i
		}
	}
	return len(order)
}

// mergeValues deep-merges override into base like Helm: maps merge, anything else replaces, and an
// explicit null removes the key.
func mergeValues(base, override map[string]interface{}) map[string]interface{} {
	out := copyMap(base)
	for key, value := range override {
		if value == nil {
			delete(out, key)
			continue
		}
		if overrideMap, ok := value.(map[string]interface{}); ok {
			if baseMap, ok := out[key].(map[string]interface{}); ok {
				out[key] = mergeValues(baseMap, overrideMap)
				continue
			}
		}
		out[key] = value
	}
	return out
}

// parseSet reads Helm's --set syntax: "a.b=c,d[0]=e,f\.g=h". Values become bool, int64 or null when
// they look like it (unless asString), as Helm does.
func parseSet(expr string, asString bool) (map[string]interface{}, error) {
	result := map[string]interface{}{}
	for _, assignment := range splitUnescaped(expr, ',') {
		if assignment == "" {
			continue
		}
		eq := indexUnescaped(assignment, '=')
		if eq < 0 {
			return nil, fmt.Errorf("key %q has no value", assignment)
		}
		key, raw := assignment[:eq], unescape(assignment[eq+1:])
		var value interface{} = raw
		if !asString {
			value = typedValue(raw)
		}
		if err := setPath(result, splitUnescaped(key, '.'), value); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func typedValue(raw string) interface{} {
	switch raw {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if i, err := strconv.ParseInt(raw, 10, 64); err == nil && (raw == "0" || !strings.HasPrefix(raw, "0")) {
		return i
	}
	return raw
}

func setPath(target map[string]interface{}, parts []string, value interface{}) error {
	part := unescape(parts[0])
	name, index := part, -1
	if open := strings.Index(part, "["); open >= 0 && strings.HasSuffix(part, "]") {
		n, err := strconv.Atoi(part[open+1 : len(part)-1])
		if err != nil || n < 0 {
			return fmt.Errorf("bad list index in %q", part)
		}
		name, index = part[:open], n
	}
	if index < 0 {
		if len(parts) == 1 {
			target[name] = value
			return nil
		}
		child, ok := target[name].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			target[name] = child
		}
		return setPath(child, parts[1:], value)
	}
	list, _ := target[name].([]interface{})
	for len(list) <= index {
		list = append(list, nil)
	}
	if len(parts) == 1 {
		list[index] = value
	} else {
		child, ok := list[index].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			list[index] = child
		}
		if err := setPath(child, parts[1:], value); err != nil {
			return err
		}
	}
	target[name] = list
	return nil
}

func splitUnescaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func indexUnescaped(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return i
		}
	}
	return -1
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// funcMap is sprig's map with Helm's changes: no environment access, plus Helm's own functions.
func funcMap(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")

	const recursionLimit = 1000
	depth := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		depth[name]++
		defer func() { depth[name]-- }()
		if depth[name] > recursionLimit {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", fmt.Errorf("error calling tpl: %w", err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	f["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	f["mustToYaml"] = func(v interface{}) (string, error) {
		data, err := yaml.Marshal(v)
		return strings.TrimSuffix(string(data), "\n"), err
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromYamlArray"] = func(s string) []interface{} {
		var a []interface{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	f["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromJsonArray"] = func(s string) []interface{} {
		var a []interface{}
		if err := json.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	// Like `helm template`: no cluster to ask, so lookups find nothing.
	f["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}
