// A small field thesaurus for acceptance look-ups: what a user types → words the documents use.
// `same`: interchangeable or narrower wording found in field descriptions; `broader`: the field names
// a term falls under. General domain knowledge (氢能 is a 新能源/清洁能源; 种子 is 种业), not answers:
// which office accepts a field always comes from the documents.

export interface ThesaurusEntry {
  same: string[];
  broader: string[];
}

export const FIELD_THESAURUS: Record<string, ThesaurusEntry> = {
  氢能: { same: ['制氢', '储氢', '加氢', '氢燃料', '燃料电池', '副产氢'], broader: ['新能源', '清洁能源', '能源'] },
  储能: { same: ['锂电储能', '储氢', '锂电池', '储能电池'], broader: ['新能源', '清洁能源'] },
  光伏: { same: ['太阳能', '光伏制造', '晶硅'], broader: ['新能源', '清洁能源'] },
  太阳能: { same: ['光伏'], broader: ['新能源', '清洁能源'] },
  风电: { same: ['风能'], broader: ['新能源', '清洁能源'] },
  锂电池: { same: ['锂电', '锂离子', '锂电储能', '正负极材料'], broader: ['新能源', '新材料'] },
  中药: { same: ['中药材', '中药饮片', '中藏药', '中(藏)药', '藏药', '中医药', '道地药材', '中药制剂'], broader: ['生物医药', '医药'] },
  中医药: { same: ['中药', '中藏医药', '中藏药'], broader: ['生物医药', '医疗卫生'] },
  药品: { same: ['药物', '新药', '生物药', '疫苗'], broader: ['生物医药', '医药'] },
  疫苗: { same: ['生物制品'], broader: ['生物医药'] },
  医疗器械: { same: ['医疗装置', '诊断试剂', '医疗设备'], broader: ['生物医药', '医疗卫生'] },
  医院: { same: ['医疗卫生机构', '临床'], broader: ['医疗卫生', '民生'] },
  种子: { same: ['种业', '良种', '种质', '种苗', '育种', '种薯', '制种', '新品种', '品种选育'], broader: ['现代种业', '现代农业', '农业'] },
  育种: { same: ['种业', '良种', '种质', '新品种', '品种选育'], broader: ['现代种业', '农业'] },
  畜牧: { same: ['畜禽', '养殖', '牦牛', '藏羊'], broader: ['现代农业', '农业'] },
  农机: { same: ['农用机械', '农机装备'], broader: ['现代农业', '农业', '装备制造'] },
  软件: { same: ['软件外包', '信息技术', '大数据', '云计算'], broader: ['电子信息', '新一代信息技术'] },
  人工智能: { same: ['智能', '大数据', '算力'], broader: ['电子信息', '新一代信息技术'] },
  芯片: { same: ['集成电路', '半导体', '元器件'], broader: ['电子信息', '新一代信息技术'] },
  稀土: { same: ['稀土材料', '稀土功能材料'], broader: ['新材料'] },
  合金: { same: ['高性能合金', '记忆合金', '镁钛铜合金', '金属材料'], broader: ['新材料'] },
  环保: { same: ['污染防治', '生态环保', '节能环保', '环境治理'], broader: ['节能环保', '低碳环保', '生态环保'] },
  机器人: { same: ['智能制造'], broader: ['装备制造', '高端装备制造'] },
  化工: { same: ['石油化工', '精细化工', '特色化工', '化工材料'], broader: ['精细化工', '特色化工'] },
  外国专家: { same: ['外国人才', '外专'], broader: ['引进外国专家'] },
  孵化器: { same: ['众创空间', '孵化载体', '创新创业载体'], broader: ['创新创业载体建设', '创新创业公共服务平台'] },
  实验室: { same: ['重点实验室', '研发平台', '工程技术研究中心'], broader: ['研发平台建设', '产业技术创新平台', '创新平台'] },
};
