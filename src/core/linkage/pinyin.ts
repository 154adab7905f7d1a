/**
 * Hanyu Pinyin (toneless) for common Chinese surname and given-name characters,
 * simplified and traditional forms. The table is deliberately small: the most
 * frequent surnames (covering most of the population, per the Ministry of
 * Public Security's 2019 surname list) and common given-name characters.
 * Unknown characters pass through unchanged. A Chinese name is written surname
 * first without spaces, so the first syllable (or a known two-character
 * surname) becomes its own word: 王小明 → "wang xiaoming" (unless the text is
 * known to be one part of a name, e.g. a given-name column).
 */

// Pairs "characters:pinyin" keep the table compact and easy to review.
const TABLE = `王:wang 李:li 张張:zhang 刘劉:liu 陈陳:chen 杨楊:yang 黄黃:huang 赵趙:zhao 吴吳:wu
周:zhou 徐:xu 孙孫:sun 马馬:ma 朱:zhu 胡:hu 郭:guo 何:he 林:lin 高:gao 罗羅:luo 郑鄭:zheng
梁:liang 谢謝:xie 宋:song 唐:tang 许許:xu 邓鄧:deng 冯馮:feng 韩韓:han 曹:cao 曾:zeng 彭:peng
萧蕭肖:xiao 蔡:cai 潘:pan 田:tian 董:dong 袁:yuan 于於:yu 余:yu 叶葉:ye 蒋蔣:jiang 杜:du
苏蘇:su 魏:wei 程:cheng 吕呂:lu 丁:ding 沈:shen 任:ren 姚:yao 卢盧:lu 傅:fu 钟鍾鐘:zhong 姜:jiang
崔:cui 谭譚:tan 廖:liao 范:fan 汪:wang 陆陸:lu 金:jin 石:shi 戴:dai 贾賈:jia 韦韋:wei 夏:xia
邱:qiu 方:fang 侯:hou 邹鄒:zou 熊:xiong 孟:meng 秦:qin 白:bai 江:jiang 阎閻:yan 薛:xue 尹:yin
段:duan 雷:lei 黎:li 史:shi 龙龍:long 陶:tao 贺賀:he 顾顧:gu 毛:mao 郝:hao 龚龔:gong 邵:shao
万萬:wan 钱錢:qian 严嚴:yan 赖賴:lai 覃:qin 洪:hong 武:wu 莫:mo 孔:kong 欧歐:ou 阳陽:yang
司:si 温溫:wen 柳:liu 关關:guan 易:yi 常:chang 康:kang 安:an 伟偉:wei 芳:fang 娜:na 敏:min
静靜:jing 丽麗:li 强強:qiang 磊:lei 军軍:jun 洋:yang 勇:yong 艳艷:yan 杰傑:jie 娟:juan 涛濤:tao
明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚剛:gang 桂:gui 英:ying 华華:hua 玉:yu 兰蘭:lan 红紅:hong
建:jian 国國:guo 文:wen 志:zhi 海:hai 云雲:yun 小:xiao 东東:dong 春:chun 晓曉:xiao 梅:mei 丹:dan
燕:yan 鹏鵬:peng 辉輝:hui 宇:yu 浩:hao 子:zi 轩軒:xuan 欣:xin 怡:yi 佳:jia 思:si 雨:yu 萱:xuan
梓:zi 涵:han 博:bo 俊:jun 嘉:jia 瑞:rui 天:tian 成:cheng 新:xin 美:mei 慧:hui 婷:ting 琳:lin
雪:xue 晶:jing 颖穎:ying 倩:qian 莉:li 宁寧:ning 飞飛:fei 斌:bin 波:bo 鑫:xin 峰:feng 亮:liang
凤鳳:feng 琴:qin 萍:ping 珍:zhen 花:hua 德:de 福:fu 生:sheng 荣榮:rong 家:jia 力:li 立:li
永:yong 光:guang 宏:hong 清:qing 世:shi 民:min 山:shan 大:da 中:zhong 一:yi 二:er 三:san 和:he
正:zheng 乐樂:le 佩:pei 晨:chen 婉:wan 诗詩:shi 语語:yu 若:ruo 彤:tong 紫:zi 晴:qing 可:ke
心:xin 悦悅:yue 妍:yan 蕾:lei 楠:nan 亚亞:ya 秋:qiu 月:yue 冬:dong 青:qing 翠:cui 素:su 淑:shu
惠:hui 贵貴:gui 芬:fen 彬:bin 振:zhen 伦倫:lun 泽澤:ze 毅:yi 健:jian 金:jin 宝寶:bao 春:chun
明:ming 玲:ling 凯凱:kai 梦夢:meng 晓:xiao 伊:yi 依:yi 振:zhen 庆慶:qing 兵:bing 斌:bin 辰:chen
鹏:peng 松:song 柏:bai 竹:zhu 菊:ju 莲蓮:lian 荷:he 芝:zhi 义義:yi 仁:ren 礼禮:li 智:zhi 信:xin
忠:zhong 孝:xiao 爱愛:ai 美:mei 秀:xiu 娇嬌:jiao 媛:yuan 妮:ni 琪:qi 瑶瑤:yao 璐:lu 露:lu 洁潔:jie`;

const SURNAMES_2 = new Map([
  ['欧阳', 'ouyang'],
  ['歐陽', 'ouyang'],
  ['司马', 'sima'],
  ['司馬', 'sima'],
  ['上官', 'shangguan'],
  ['诸葛', 'zhuge'],
  ['諸葛', 'zhuge'],
  ['东方', 'dongfang'],
  ['東方', 'dongfang'],
  ['皇甫', 'huangfu'],
  ['令狐', 'linghu'],
  ['慕容', 'murong'],
  ['司徒', 'situ'],
  ['夏侯', 'xiahou'],
]);

const PINYIN = new Map<string, string>();
for (const entry of TABLE.split(/\s+/)) {
  const [chars = '', sound = ''] = entry.split(':');
  for (const ch of chars) if (!PINYIN.has(ch)) PINYIN.set(ch, sound);
}

/** Pinyin of a run of Han characters: surname syllable(s), a space, the given name joined. */
export function pinyinOf(run: string, splitSurname = true): string {
  return run
    .trim()
    .split(/\s+/)
    .map((word) => {
      const chars = Array.from(word);
      if (!splitSurname) return chars.map((c) => PINYIN.get(c) ?? c).join('');
      const two = chars.slice(0, 2).join('');
      const surnameLength = SURNAMES_2.has(two) ? 2 : 1;
      const syllable = (c: string): string => PINYIN.get(c) ?? c;
      const surname = SURNAMES_2.get(two) ?? chars.slice(0, 1).map(syllable).join('');
      const given = chars.slice(surnameLength).map(syllable).join('');
      return given ? `${surname} ${given}` : surname;
    })
    .join(' ');
}
