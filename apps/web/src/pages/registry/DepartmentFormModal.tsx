import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { graphql } from '../../graphql';
import { AliasSelect } from './AliasSelect';
import { cleanAliases, useFunctionOptions, type Department, type Jurisdiction } from './registry-queries';

const CREATE = graphql(`
  mutation CreateDepartment($input: DepartmentInput!) {
    createDepartment(input: $input) {
      id
      name
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateDepartment($id: ID!, $patch: DepartmentPatch!) {
    updateDepartment(id: $id, patch: $patch) {
      id
      name
    }
  }
`);

/** A new department of a jurisdiction, or an existing one to edit (or rename). */
export type DepartmentEdit =
  { kind: 'create'; jurisdiction: Pick<Jurisdiction, 'id' | 'name'> } | { kind: 'edit'; department: Department };

interface Values {
  name: string;
  shortName: string;
  functionCode: string;
  aliases: string[];
}

function initialValues(edit: DepartmentEdit): Values {
  if (edit.kind === 'create') return { name: '', shortName: '', functionCode: '', aliases: [] };
  const d = edit.department;
  return { name: d.name, shortName: d.shortName, functionCode: d.functionCode, aliases: d.aliases };
}

/** 新增 / 编辑部门: full name, short name, function and aliases. A renamed department keeps its old name as a former name. */
export function DepartmentFormModal({
  edit,
  onClose,
  onSaved,
}: {
  edit: DepartmentEdit;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const [form] = Form.useForm<Values>();
  const [create, creating] = useMutation(CREATE);
  const [update, updating] = useMutation(UPDATE);
  const functions = useFunctionOptions();
  const { message } = App.useApp();

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      name: v.name.trim(),
      shortName: v.shortName.trim(),
      functionCode: v.functionCode,
      aliases: cleanAliases(v.aliases),
    };
    try {
      const id =
        edit.kind === 'edit'
          ? (await update({ id: edit.department.id, patch: fields })).updateDepartment.id
          : (await create({ input: { ...fields, jurisdictionId: edit.jurisdiction.id } })).createDepartment.id;
      message.success(`已保存 ${fields.name}`);
      onSaved(id);
    } catch (e) {
      message.error(`保存失败：${asApiError(e).message}`);
    }
  };

  const formerNames = edit.kind === 'edit' ? edit.department.formerNames : [];
  return (
    <Modal
      open
      title={edit.kind === 'edit' ? `编辑部门：${edit.department.name}` : `新增部门（${edit.jurisdiction.name}）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={creating || updating}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues(edit)} data-testid="department-form">
        <Form.Item
          label="部门全称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写部门全称' }]}
        >
          <Input id="department-name" placeholder="如 临川市卫生健康委员会" maxLength={200} />
        </Form.Item>
        <Form.Item
          label="部门简称"
          name="shortName"
          rules={[{ required: true, whitespace: true, message: '请填写部门简称' }]}
        >
          <Input id="department-short-name" placeholder="如 市卫生健康委" maxLength={100} />
        </Form.Item>
        <Form.Item label="职能" name="functionCode" rules={[{ required: true, message: '请选择职能' }]}>
          <Select
            id="department-function"
            showSearch={{ optionFilterProp: 'label' }}
            loading={functions.loading}
            options={functions.options}
            placeholder="选择职能代码"
          />
        </Form.Item>
        <Form.Item label="别名" name="aliases" extra="公文中对该部门的其他写法，如“市卫健委”。">
          <AliasSelect id="department-aliases" />
        </Form.Item>
      </Form>
      {formerNames.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          曾用名：{formerNames.join('、')}（仍可识别）
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
