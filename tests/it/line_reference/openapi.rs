//! LINE's OpenAPI schemas (the Messaging API's `messaging-api.yml` from LINE's public
//! `line/line-openapi` repository, read in place from the reference folder `reference_dir`
//! names, never copied) as a checker of the message objects frontdesk sends: a reader for the
//! part of YAML the spec's `components.schemas` use, and a validator for the keywords its
//! message schemas use (`$ref`, `allOf`, `discriminator`, `required`, `properties`, `type`,
//! `maxLength`, `minLength`, `maxItems`, `enum`). Properties a schema does not declare are refused too, so a
//! misspelt field (`iconURL`) fails. Without the folder, `Schemas::load` says `SKIPPED`.

use serde_json::{Map, Value};

/// The spec's `components.schemas`, by name.
pub struct Schemas(Map<String, Value>);

impl Schemas {
    pub fn load() -> Option<Schemas> {
        let path = super::reference_dir().join("openapi/messaging-api.yml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("SKIPPED: {} not found", path.display());
            return None;
        };
        let lines: Vec<(usize, String)> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|l| (l.len() - l.trim_start().len(), l.trim().to_owned()))
            .collect();
        let start = lines.iter().position(|(i, l)| *i == 2 && l == "schemas:").expect("components.schemas");
        let mut at = start + 1;
        let Value::Object(schemas) = block(&mut lines.clone(), &mut at, 4) else { panic!("schemas is a mapping") };
        Some(Schemas(schemas))
    }

    pub fn get(&self, name: &str) -> &Value {
        self.0.get(name).unwrap_or_else(|| panic!("no schema {name}"))
    }

    /// Where `schema` is wrong about `value`, as `path: reason` lines.
    pub fn check(&self, schema: &Value, value: &Value, path: &str) -> Vec<String> {
        let schema = self.concrete(schema, value);
        let mut errors = Vec::new();
        self.validate(schema, value, path, &mut errors);
        if let Value::Object(fields) = value {
            let mut known = Vec::new();
            self.declared(schema, &mut known);
            if !known.is_empty() {
                for k in fields.keys().filter(|k| !known.contains(k)) {
                    errors.push(format!("{path}.{k}: not a property of the schema"));
                }
            }
        }
        errors
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => self.get(r.strip_prefix("#/components/schemas/").expect("a local $ref")),
            None => schema,
        }
    }

    /// The schema `value` is checked against: through `$ref`, and for a polymorphic schema
    /// (an `Action`, a `Message`) the one its `discriminator` maps the value's type to, so a
    /// postback action's `data` is a declared property and a misspelt one is not.
    fn concrete<'a>(&'a self, schema: &'a Value, value: &Value) -> &'a Value {
        let schema = self.resolve(schema);
        let Some(d) = schema.get("discriminator") else { return schema };
        let property = d.get("propertyName").and_then(Value::as_str).unwrap_or("type");
        let mapped = value.get(property).and_then(Value::as_str).and_then(|t| d.get("mapping")?.get(t));
        // The mapping's values are bare references (`"#/components/schemas/PostbackAction"`).
        let name = mapped.and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"));
        name.map(|n| self.get(n)).unwrap_or(schema)
    }

    /// Every property `schema` declares, through `$ref` and `allOf`.
    fn declared(&self, schema: &Value, out: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if let Some(Value::Object(props)) = schema.get("properties") {
            out.extend(props.keys().cloned());
        }
        for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            self.declared(part, out);
        }
    }

    fn validate(&self, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
        let schema = self.resolve(schema);
        for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            self.validate(part, v, path, errors);
        }
        let kind = schema.get("type").and_then(Value::as_str);
        let ok = match kind {
            Some("object") => v.is_object(),
            Some("string") => v.is_string(),
            Some("integer") => v.is_i64() || v.is_u64(),
            Some("number") => v.is_number(),
            Some("boolean") => v.is_boolean(),
            Some("array") => v.is_array(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: not of type {}", kind.unwrap_or("?")));
            return;
        }
        let limit = |k: &str| schema.get(k).and_then(Value::as_u64).map(|n| n as usize);
        if let Some(s) = v.as_str() {
            let n = s.chars().count();
            if limit("maxLength").is_some_and(|m| n > m) || limit("minLength").is_some_and(|m| n < m) {
                errors.push(format!("{path}: length {n} outside the schema's limits"));
            }
            if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
                if !allowed.iter().any(|a| a.as_str() == Some(s)) {
                    errors.push(format!("{path}: {s:?} is not one of {allowed:?}"));
                }
            }
        }
        if let Some(items) = v.as_array() {
            if limit("maxItems").is_some_and(|m| items.len() > m) || limit("minItems").is_some_and(|m| items.len() < m)
            {
                errors.push(format!("{path}: {} items outside the schema's limits", items.len()));
            }
            if let Some(item) = schema.get("items") {
                for (i, x) in items.iter().enumerate() {
                    errors.extend(self.check(item, x, &format!("{path}[{i}]")));
                }
            }
        }
        if let Value::Object(fields) = v {
            for r in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                let r = r.as_str().unwrap_or("");
                if !fields.contains_key(r) {
                    errors.push(format!("{path}.{r}: required"));
                }
            }
            if let Some(Value::Object(props)) = schema.get("properties") {
                for (k, p) in props {
                    if let Some(x) = fields.get(k) {
                        errors.extend(self.check(p, x, &format!("{path}.{k}")));
                    }
                }
            }
        }
    }
}

/// A YAML block at `indent`: a mapping, or a list when its lines start with `- `.
fn block(lines: &mut Vec<(usize, String)>, at: &mut usize, indent: usize) -> Value {
    if lines.get(*at).is_some_and(|(i, l)| *i == indent && l.starts_with("- ")) {
        let mut list = Vec::new();
        while let Some((i, l)) = lines.get(*at).cloned() {
            if i != indent || !l.starts_with("- ") {
                break;
            }
            let item = l[2..].trim().to_owned();
            if key_value(&item).is_some() {
                // `- key: value` opens a mapping whose keys sit two columns in.
                lines[*at] = (indent + 2, item);
                list.push(block(lines, at, indent + 2));
            } else {
                *at += 1;
                list.push(scalar(&item));
            }
        }
        return Value::Array(list);
    }
    let mut map = Map::new();
    while let Some((i, l)) = lines.get(*at).cloned() {
        if i != indent || l.starts_with("- ") {
            break;
        }
        let (key, rest) = key_value(&l).unwrap_or_else(|| panic!("not a mapping line: {l}"));
        *at += 1;
        let value = if rest.is_empty() {
            match lines.get(*at) {
                Some((next, _)) if *next > indent => block(lines, at, *next),
                Some((next, n)) if *next == indent && n.starts_with("- ") => block(lines, at, indent),
                _ => Value::Null,
            }
        } else {
            // A block scalar (`|`, `>-`) or a plain scalar's continuation lines: deeper lines.
            while lines.get(*at).is_some_and(|(next, _)| *next > indent) {
                *at += 1;
            }
            scalar(&rest)
        };
        map.insert(key, value);
    }
    Value::Object(map)
}

/// `key: rest` (the key possibly quoted), if the line is one.
fn key_value(line: &str) -> Option<(String, String)> {
    let (key, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let end = quoted.find('"')?;
        let rest = quoted[end + 1..].strip_prefix(':')?;
        (quoted[..end].to_owned(), rest)
    } else {
        let colon = line.find(": ").or_else(|| line.ends_with(':').then(|| line.len() - 1))?;
        let key = &line[..colon];
        if key.contains(' ') && !key.starts_with('\'') {
            return None;
        }
        (key.to_owned(), &line[colon + 1..])
    };
    Some((key, rest.trim().to_owned()))
}

fn scalar(s: &str) -> Value {
    let s = s.trim();
    if let Some(q) = s.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
        return Value::String(q.to_owned());
    }
    if let Some(q) = s.strip_prefix('\'').and_then(|q| q.strip_suffix('\'')) {
        return Value::String(q.to_owned());
    }
    match s {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => s.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(s.to_owned())),
    }
}
