// The state-level new areas (国家级新区): jurisdictions of their own (level 'new_area') that the
// administrative-division gazetteer does not list as such. Data, not rules: add a row when the State
// Council approves another. fullName is the province (or municipality) followed by the area's name,
// as corpus/manifest.json writes 甘肃省兰州新区.

export interface NewArea {
  name: string;
  /** Province or municipality, as the gazetteer names it. */
  province: string;
  /** Other spellings documents use (上海浦东新区, 青岛西海岸新区). */
  aliases: string[];
}

export const STATE_LEVEL_NEW_AREAS: readonly NewArea[] = [
  { name: '浦东新区', province: '上海市', aliases: ['上海浦东新区'] },
  { name: '滨海新区', province: '天津市', aliases: ['天津滨海新区'] },
  { name: '两江新区', province: '重庆市', aliases: ['重庆两江新区'] },
  { name: '舟山群岛新区', province: '浙江省', aliases: ['浙江舟山群岛新区'] },
  { name: '兰州新区', province: '甘肃省', aliases: [] },
  { name: '南沙新区', province: '广东省', aliases: ['广州南沙新区'] },
  { name: '西咸新区', province: '陕西省', aliases: ['陕西西咸新区'] },
  { name: '贵安新区', province: '贵州省', aliases: ['贵州贵安新区'] },
  { name: '西海岸新区', province: '山东省', aliases: ['青岛西海岸新区'] },
  { name: '金普新区', province: '辽宁省', aliases: ['大连金普新区'] },
  { name: '天府新区', province: '四川省', aliases: ['四川天府新区'] },
  { name: '湘江新区', province: '湖南省', aliases: ['湖南湘江新区'] },
  { name: '江北新区', province: '江苏省', aliases: ['南京江北新区'] },
  { name: '福州新区', province: '福建省', aliases: [] },
  { name: '滇中新区', province: '云南省', aliases: ['云南滇中新区'] },
  { name: '哈尔滨新区', province: '黑龙江省', aliases: [] },
  { name: '长春新区', province: '吉林省', aliases: [] },
  { name: '赣江新区', province: '江西省', aliases: ['江西赣江新区'] },
  { name: '雄安新区', province: '河北省', aliases: ['河北雄安新区'] },
];
