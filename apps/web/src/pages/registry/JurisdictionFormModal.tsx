import { App, Form, Input, Modal, Select } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { graphql } from '../../graphql';
import { JURISDICTION_LEVEL } from '../../labels';
import { AliasSelect } from './AliasSelect';
import { JurisdictionSelect } from './JurisdictionSelect';
import { cleanAliases, type Jurisdiction } from './registry-queries';

const CREATE = graphql(`
  mutation CreateJurisdiction($input: JurisdictionInput!) {
    createJurisdiction(input: $input) {
      id
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateJurisdiction($id: ID!, $patch: JurisdictionPatch!) {
    updateJurisdiction(id: $id, patch: $patch) {
      id
    }
  }
`);

/** What the dialog is for: a new jurisdiction (under a parent, if one is given) or an existing one. */
export type JurisdictionEdit =
  { kind: 'create'; parent: Jurisdiction | null } | { kind: 'edit'; jurisdiction: Jurisdiction };

interface Values {
  name: string;
  level: string;
  parentId: string | null;
  aliases: string[];
}

const LEVEL_OPTIONS = Object.entries(JURISDICTION_LEVEL).map(([value, label]) => ({ value, label }));

/** The level a new child of `parent` most likely has: a province's child is a city, a city's a district. */
function childLevel(parent: Jurisdiction | null): string {
  const next: Record<string, string> = { NATION: 'PROVINCE', PROVINCE: 'CITY', CITY: 'DISTRICT', COUNTY: 'TOWNSHIP' };
  return (parent && next[parent.level]) ?? 'CITY';
}

function initialValues(edit: JurisdictionEdit): Values {
  if (edit.kind === 'edit') {
    const j = edit.jurisdiction;
    return { name: j.name, level: j.level, parentId: j.parent?.id ?? null, aliases: j.aliases };
  }
  return { name: '', level: childLevel(edit.parent), parentId: edit.parent?.id ?? null, aliases: [] };
}

/** 新增 / 编辑行政区划. A jurisdiction's level and parent are fixed once created; its name and aliases are not. */
export function JurisdictionFormModal({
  edit,
  onClose,
  onSaved,
}: {
  edit: JurisdictionEdit;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const [form] = Form.useForm<Values>();
  const [create, creating] = useMutation(CREATE);
  const [update, updating] = useMutation(UPDATE);
  const { message } = App.useApp();
  const editing = edit.kind === 'edit';

  const submit = async () => {
    const v = await form.validateFields();
    const name = v.name.trim();
    const aliases = cleanAliases(v.aliases);
    try {
      if (edit.kind === 'edit') {
        await update({ id: edit.jurisdiction.id, patch: { name, aliases } });
        message.success(`已保存 ${name}`);
        onSaved(edit.jurisdiction.id);
      } else {
        const r = await create({ input: { name, level: v.level, parentId: v.parentId, aliases } });
        message.success(`已新增 ${name}`);
        onSaved(r.createJurisdiction.id);
      }
    } catch (e) {
      message.error(`保存失败：${asApiError(e).message}`);
    }
  };

  return (
    <Modal
      open
      title={editing ? `编辑行政区划：${edit.jurisdiction.name}` : '新增行政区划'}
      okText="保存"
      cancelText="取消"
      confirmLoading={creating || updating}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues(edit)} data-testid="jurisdiction-form">
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input id="jurisdiction-name" placeholder="如 临川市" maxLength={100} />
        </Form.Item>
        <Form.Item label="层级" name="level" rules={[{ required: true, message: '请选择层级' }]}>
          <Select id="jurisdiction-level" options={LEVEL_OPTIONS} disabled={editing} />
        </Form.Item>
        <Form.Item label="上级行政区划" name="parentId" extra={editing ? undefined : '不选则为顶级'}>
          <JurisdictionSelect id="jurisdiction-parent" placeholder="选择上级" disabled={editing} />
        </Form.Item>
        <Form.Item label="别名" name="aliases" extra="公文中使用的其他称呼或简称，如“穗”“广州”，用于识别公文所属地区。">
          <AliasSelect id="jurisdiction-aliases" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
