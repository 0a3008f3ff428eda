// Building DOM safely: text always through textContent, never innerHTML (case data must never become markup).

/**
 * Creates an element. attrs: class, text, on: { event: handler }, dataset: {}, and any attribute;
 * the properties value, checked, selected, disabled, hidden are set as properties.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (['value', 'checked', 'selected', 'disabled', 'hidden', 'required', 'multiple'].includes(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let counter = 0;
/** A unique id for label/control pairs. */
export function uid(prefix = 'f') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled control: label + control (+ hint), the hint tied with aria-describedby. */
export function field(labelText, control, hintText) {
  if (!control.id) control.id = uid();
  const parts = [h('label', { for: control.id, text: labelText })];
  if (hintText) {
    const hint = h('p', { class: 'hint', id: uid('hint'), text: hintText });
    control.setAttribute('aria-describedby', hint.id);
    parts.push(hint, control);
  } else {
    parts.push(control);
  }
  return h('div', { class: 'field' }, parts);
}

/** A select with options [{ value, label }]. */
export function select(name, options, attrs = {}) {
  return h('select', { name, ...attrs }, options.map(o => h('option', { value: o.value, text: o.label, selected: o.selected })));
}

/** The values of a form as an object (FormData; checkboxes as booleans). */
export function formValues(form) {
  const data = {};
  for (const [key, value] of new FormData(form).entries()) data[key] = typeof value === 'string' ? value.trim() : value;
  return data;
}

export function shortId(id) {
  return String(id).slice(0, 8);
}
