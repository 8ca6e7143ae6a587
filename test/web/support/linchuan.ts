// A city that is not in seeds/registry, for the onboarding browser test: its registry spreadsheet rows
// and a short implementation opinion (实施意见) written for the test. Two of the units the opinion
// names are not in the spreadsheet: 市人才办 (to be confirmed) and 市法制办 (to be merged into 市司法局,
// as the 2018 institutional reform did with legal-affairs offices).

export const CITY = { name: '临川市', alias: '临川', parent: '江西省' };
export const DISTRICTS = ['云山区', '汝水区'];

/** Registry spreadsheet rows of the city's departments: 部门全称, 部门简称, 职能代码, 部门别名. */
export const DEPARTMENT_ROWS: [name: string, shortName: string, functionCode: string, aliases: string][] = [
  ['临川市人民政府', '市政府', 'GOVERNMENT', ''],
  ['临川市人民政府办公室', '市政府办公室', 'GOVERNMENT_OFFICE', '市政府办'],
  ['临川市发展和改革委员会', '市发展改革委', 'DEVELOPMENT_REFORM', '市发改委'],
  ['临川市人力资源和社会保障局', '市人力资源社会保障局', 'HUMAN_RESOURCES', '市人社局'],
  ['临川市财政局', '市财政局', 'FINANCE', ''],
  ['临川市教育局', '市教育局', 'EDUCATION', ''],
  ['临川市科学技术局', '市科技局', 'SCIENCE_TECH', ''],
  ['临川市卫生健康委员会', '市卫生健康委', 'HEALTH', '市卫健委'],
  ['临川市司法局', '市司法局', 'JUSTICE', ''],
  ['中共临川市委组织部', '市委组织部', 'ORGANIZATION', ''],
];

/** The units of the opinion that the spreadsheet does not hold. */
export const CONFIRMED_UNIT = '市人才办';
export const MERGED_UNIT = '市法制办';
export const MERGED_INTO = '临川市司法局';

/** The measure 市法制办 leads: after the merge, 市司法局's liaison finds it among their tasks. */
export const MERGED_MEASURE_TITLE = '健全人才发展政策法规';

export const OPINION = `临川市人民政府办公室关于加快新时代人才发展的实施意见
临政办发〔2026〕3号
各区人民政府，市政府各部门：
为深入实施人才强市战略，加快建设区域人才高地，经市人民政府同意，现就加快新时代人才发展提出如下实施意见。
一、健全人才引进机制
（一）实施高层次人才引进计划。围绕主导产业发展需求，每年发布高层次人才需求目录，对引进的领军人才给予安家补贴和项目资助，2027年12月31日前累计引进高层次人才100名以上。（牵头单位：市人才办；配合单位：市人力资源社会保障局、市财政局）
（二）建立柔性引才机制。支持企事业单位通过项目合作、技术咨询、兼职挂职等方式柔性引进急需紧缺人才，2027年6月30日前建成柔性引才工作站10个。（牵头单位：市人力资源社会保障局；配合单位：市科技局、市教育局）
二、优化人才培养体系
（三）加强本土人才培养。实施青年人才培养工程，支持职业院校与企业共建实训基地，2027年12月31日前培养技能人才5000人次。（牵头单位：市教育局；配合单位：市人力资源社会保障局）
（四）加强卫生健康人才队伍建设。落实基层医疗卫生机构人才招聘和待遇保障政策，2027年12月31日前每个乡镇卫生院至少配备全科医生2名。（牵头单位：市卫生健康委；配合单位：市财政局、市人才办）
三、完善人才服务保障
（五）健全人才发展政策法规。开展人才政策法规清理，制定人才发展促进办法，2026年12月31日前完成人才政策汇编。（牵头单位：市法制办；配合单位：市人才办、市财政局）
（六）落实人才发展经费保障。设立人才发展专项资金，纳入年度财政预算并逐年增长，2026年12月31日前出台专项资金管理办法。（牵头单位：市财政局；配合单位：市发展改革委）
（七）优化人才服务环境。建立人才服务“一站式”窗口，为人才提供政策咨询、子女入学、医疗保健等服务，2026年12月31日前建成市人才服务中心。（牵头单位：市政府办公室；配合单位：市委组织部、市发展改革委、市司法局）
临川市人民政府办公室
2026年3月15日
`;
