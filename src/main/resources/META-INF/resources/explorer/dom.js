// Building DOM nodes. Text from the API only ever becomes a text node or an attribute value set with
// setAttribute: nothing here parses markup, so a title such as <img src=x onerror=alert(1)> stays text.

/**
 * el('li', {class: 'book', data: {itemId: 'b-1'}, attrs: {'aria-label': '...'}, on: {click: fn}}, 'text', node)
 * Children that are strings (or numbers) become text nodes; null and undefined are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.class) {
    node.className = props.class;
  }
  if (props.text !== undefined && props.text !== null) {
    node.textContent = String(props.text);
  }
  for (const [name, value] of Object.entries(props.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const [name, value] of Object.entries(props.data || {})) {
    if (value !== undefined && value !== null) {
      node.dataset[name] = String(value);
    }
  }
  for (const [type, handler] of Object.entries(props.on || {})) {
    node.addEventListener(type, handler);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

/** The value as display text, whatever JSON type it has. */
export function asText(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(asText).join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A list of strings from a JSON value that should be one (a lone string counts as a list of one). */
export function asList(value) {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== null && v !== undefined).map((v) => asText(v));
  }
  return value === null || value === undefined || value === '' ? [] : [asText(value)];
}
