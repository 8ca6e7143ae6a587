import { Select } from 'antd';

interface Props {
  value?: string[];
  onChange?: (aliases: string[]) => void;
  id?: string;
  placeholder?: string;
}

/** 别名: typed one by one (Enter) or pasted as a list separated by 、 or commas. */
export function AliasSelect({ value, onChange, id, placeholder = '输入别名后回车，可用“、”分隔多个' }: Props) {
  return (
    <Select
      id={id}
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={['、', ',', '，', ';', '；']}
      placeholder={placeholder}
      value={value ?? []}
      onChange={(aliases: string[]) => onChange?.(aliases)}
    />
  );
}
