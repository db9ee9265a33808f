import { ComponentType } from 'discord.js';
import type { FieldPath, FormErrors } from './form-errors.ts';

type Json = Record<string, unknown>;

const selectTypes = new Set<unknown>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);
const componentsV2TopLevel = [1, 9, 10, 12, 13, 14, 17];

const asObjects = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Tracks custom_ids so that a duplicate within one message or modal is refused, as Discord does. */
class CustomIds {
  readonly #seen = new Set<unknown>();

  check(component: Json, path: FieldPath, errors: FormErrors): void {
    errors.length([...path, 'custom_id'], component.custom_id, { min: 1, max: 100, required: true });
    if (this.#seen.has(component.custom_id)) {
      errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    }
    this.#seen.add(component.custom_id);
  }
}

function checkButton(button: Json, path: FieldPath, errors: FormErrors, ids: CustomIds): void {
  if (![1, 2, 3, 4, 5, 6].includes(button.style as number)) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
  }
  errors.length([...path, 'label'], button.label, { max: 80 });
  if (button.style === 5) errors.length([...path, 'url'], button.url, { min: 1, max: 512, required: true });
  else if (button.style === 6) errors.length([...path, 'sku_id'], button.sku_id, { min: 1, max: 20, required: true });
  else ids.check(button, path, errors);
}

function checkSelect(select: Json, path: FieldPath, errors: FormErrors, ids: CustomIds): void {
  ids.check(select, path, errors);
  errors.length([...path, 'placeholder'], select.placeholder, { max: 150 });
  errors.range([...path, 'min_values'], select.min_values, 0, 25);
  errors.range([...path, 'max_values'], select.max_values, 1, 25);
  if (select.type !== ComponentType.StringSelect) return;
  errors.length([...path, 'options'], select.options, { min: 1, max: 25, required: true });
  asObjects(select.options).forEach((option, index) => {
    const at = [...path, 'options', index];
    errors.length([...at, 'label'], option.label, { min: 1, max: 100, required: true });
    errors.length([...at, 'value'], option.value, { min: 1, max: 100, required: true });
    errors.length([...at, 'description'], option.description, { max: 100 });
  });
}

function checkActionRow(row: Json, path: FieldPath, errors: FormErrors, ids: CustomIds): void {
  const children = asObjects(row.components);
  errors.length([...path, 'components'], row.components, { min: 1, max: 5, required: true });
  if (children.some((child) => selectTypes.has(child.type)) && children.length > 1) {
    errors.add(
      [...path, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
    );
  }
  children.forEach((child, index) => {
    const at = [...path, 'components', index];
    if (child.type === ComponentType.Button) checkButton(child, at, errors, ids);
    else if (selectTypes.has(child.type)) checkSelect(child, at, errors, ids);
    else errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
  });
}

function countComponents(value: unknown): number {
  return asObjects(value).reduce((total, component) => {
    const nested = countComponents(component.components) + (component.accessory ? 1 : 0);
    return total + 1 + nested;
  }, 0);
}

/** Action rows of buttons and selects; with IS_COMPONENTS_V2, layout components holding them. */
export function checkMessageComponents(
  components: unknown,
  componentsV2: boolean,
  path: FieldPath,
  errors: FormErrors,
): void {
  if (components === undefined || components === null) return;
  const ids = new CustomIds();
  if (!componentsV2) errors.length(path, components, { max: 5 });
  else if (countComponents(components) > 40) {
    errors.add(path, 'COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED', 'Total number of components exceeds the maximum of 40');
  }
  const walk = (list: unknown, at: FieldPath, topLevel: boolean) => {
    asObjects(list).forEach((component, index) => {
      const here = [...at, index];
      if (component.type === ComponentType.ActionRow) checkActionRow(component, here, errors, ids);
      else if (!componentsV2 || (topLevel && !componentsV2TopLevel.includes(component.type as number))) {
        const allowed = componentsV2 ? componentsV2TopLevel.join(', ') : '1';
        errors.add([...here, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${allowed}).`);
      } else {
        const accessory = component.accessory as Json | undefined;
        if (accessory?.type === ComponentType.Button) checkButton(accessory, [...here, 'accessory'], errors, ids);
        walk(component.components, [...here, 'components'], false);
      }
    });
  };
  walk(components, path, true);
}

function checkTextInput(input: Json, path: FieldPath, errors: FormErrors, ids: CustomIds, inRow: boolean): void {
  ids.check(input, path, errors);
  if (![1, 2].includes(input.style as number)) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  if (inRow) errors.length([...path, 'label'], input.label, { min: 1, max: 45, required: true });
  errors.range([...path, 'min_length'], input.min_length, 0, 4000);
  errors.range([...path, 'max_length'], input.max_length, 1, 4000);
  errors.length([...path, 'value'], input.value, { max: 4000 });
  errors.length([...path, 'placeholder'], input.placeholder, { max: 100 });
  const { min_length: min, max_length: max } = input;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.add([...path, 'min_length'], 'BASE_TYPE_BAD_INT', 'min_length must not be greater than max_length.');
  }
}

/** A modal: 1 to 5 rows, each an action row holding one text input, a label around an input, or text. */
export function checkModal(data: unknown, path: FieldPath, errors: FormErrors): void {
  const modal = (data ?? {}) as Json;
  const ids = new CustomIds();
  errors.length([...path, 'custom_id'], modal.custom_id, { min: 1, max: 100, required: true });
  errors.length([...path, 'title'], modal.title, { min: 1, max: 45, required: true });
  errors.length([...path, 'components'], modal.components, { min: 1, max: 5, required: true });
  asObjects(modal.components).forEach((component, index) => {
    const at = [...path, 'components', index];
    if (component.type === ComponentType.ActionRow) {
      errors.length([...at, 'components'], component.components, { min: 1, max: 1, required: true });
      asObjects(component.components).forEach((input, inputIndex) => {
        const inputPath = [...at, 'components', inputIndex];
        if (input.type === ComponentType.TextInput) checkTextInput(input, inputPath, errors, ids, true);
        else errors.add([...inputPath, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4).');
      });
    } else if (component.type === ComponentType.Label) {
      errors.length([...at, 'label'], component.label, { min: 1, max: 45, required: true });
      errors.length([...at, 'description'], component.description, { max: 100 });
      const inner = (component.component ?? {}) as Json;
      if (inner.type === ComponentType.TextInput) checkTextInput(inner, [...at, 'component'], errors, ids, false);
      else if (selectTypes.has(inner.type)) checkSelect(inner, [...at, 'component'], errors, ids);
      else
        errors.add(
          [...at, 'component', 'type'],
          'UNION_TYPE_CHOICES',
          'Value of field "type" must be one of (3, 4, 5, 6, 7, 8).',
        );
    } else if (component.type !== ComponentType.TextDisplay) {
      errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
    }
  });
}
