// Every red flag must fire in every language, and negated mentions must not fire.
import { loadClinicalContent } from '../../src/triage/content';
import { checkEmergency } from '../../src/triage/emergency-gate';
import { newTriageState, observeText } from '../../src/triage/engine';
import type { Language } from '../../src/triage/types';

const content = loadClinicalContent();

const PHRASES: Record<string, Record<Language, string>> = {
  acute_urinary_retention: {
    en: "My dad can't pee at all since last night and his lower belly is swollen and really painful",
    es: 'Mi padre no puede orinar desde anoche y tiene la barriga hinchada con un dolor muy fuerte',
    fr: "Mon père ne peut plus uriner depuis hier soir, il a le ventre gonflé et une douleur insupportable",
    pt: 'O meu pai não consegue urinar desde ontem à noite e tem uma dor muito forte na barriga',
    zh: '我爸从昨晚开始尿不出来，小肚子胀，疼得受不了',
    vi: 'Bố tôi từ tối qua không đi tiểu được, bụng dưới căng, đau dữ dội',
  },
  limb_ischaemia: {
    en: 'Since this morning my left leg is cold and numb and I can hardly move my toes',
    es: 'Desde esta mañana tengo la pierna izquierda fría y dormida',
    fr: 'Depuis ce matin ma jambe gauche est froide et engourdie',
    pt: 'Desde esta manhã tenho a perna esquerda fria e dormente',
    zh: '从今天早上开始左腿冰凉发麻',
    vi: 'Từ sáng nay chân trái lạnh ngắt và tê',
  },
  priapism: {
    en: "I've had an erection that won't go down for 5 hours and it's painful",
    es: 'Tengo una erección que no se baja desde hace 5 horas',
    fr: "J'ai une érection qui ne part pas depuis 5 heures",
    pt: 'Tenho uma ereção que não baixa há 5 horas',
    zh: '勃起不消已经5个小时了',
    vi: 'Tôi bị cương cứng không xìu đã 5 giờ',
  },
  postpartum_psychosis: {
    en: 'my wife gave birth 6 days ago and now she is hearing voices',
    es: 'mi mujer dio a luz hace 6 días y ahora oye voces',
    fr: "ma femme a accouché il y a 6 jours et maintenant elle entend des voix",
    pt: 'minha esposa teve bebê há 6 dias e agora ouve vozes',
    zh: '我太太6天前刚生完孩子，现在听到有声音跟她说话，出现幻听',
    vi: 'vợ tôi mới sinh được 6 ngày, giờ cô ấy nghe thấy tiếng nói, bị ảo giác',
  },
  altered_consciousness: {
    en: 'My mum is suddenly confused and does not know where she is',
    es: 'Mi madre está muy confusa de repente, no sabe dónde está',
    fr: 'Ma mère est très confuse depuis ce matin, elle ne sait plus où elle est',
    pt: 'A minha mãe está muito confusa de repente, não sabe onde está',
    zh: '我妈妈突然神志不清，不认识人了',
    vi: 'Mẹ tôi đột nhiên lú lẫn, không nhận ra người thân',
  },
  sudden_severe_pain: {
    en: 'It is the worst pain of my life',
    es: 'Es el peor dolor de mi vida',
    fr: "C'est la pire douleur de ma vie",
    pt: 'É a pior dor da minha vida',
    zh: '这辈子最痛的一次',
    vi: 'Đây là cơn đau nhất đời tôi, đau nhất đời',
  },
  emergency_said: {
    en: 'Please send an ambulance',
    es: 'Por favor, manden una ambulancia',
    fr: 'Envoyez une ambulance, vite',
    pt: 'Mandem uma ambulância, por favor',
    zh: '快叫救护车',
    vi: 'Gọi xe cấp cứu ngay đi',
  },
  shock_signs: {
    en: "I nearly fainted and I'm cold and sweaty",
    es: 'Casi me desmayo y estoy sudando frío',
    fr: "J'ai failli m'évanouir et j'ai des sueurs froides",
    pt: 'Quase desmaiei e estou com suor frio',
    zh: '我差点晕倒，一直出冷汗',
    vi: 'Tôi suýt ngất, vã mồ hôi lạnh',
  },
  snake_bite: {
    en: 'My husband was bitten by a snake in the garden',
    es: 'A mi marido le mordió una serpiente en el campo',
    fr: "Mon mari a été mordu par un serpent dans le jardin",
    pt: 'O meu marido foi mordido por uma cobra no quintal',
    zh: '我老公在田里被蛇咬了',
    vi: 'Chồng tôi bị rắn cắn ngoài ruộng',
  },
  suicide_risk: {
    en: "I've been saving up my pills and I'm going to take them all tonight",
    es: 'He estado guardando pastillas y voy a tomármelas todas esta noche',
    fr: 'Je garde des comprimés de côté et je vais tous les prendre ce soir',
    pt: 'Estou juntando comprimidos e vou tomar todos os comprimidos hoje à noite',
    zh: '我攒了药，今晚要把药全吃了',
    vi: 'Tôi đã tích thuốc và tối nay sẽ uống hết thuốc',
  },
  overdose_poisoning: {
    en: 'My son took too many of my tablets an hour ago',
    es: 'Mi hijo se tomó demasiadas pastillas',
    fr: 'Mon fils a avalé des médicaments de ma boîte',
    pt: 'Meu filho tomou muitos comprimidos',
    zh: '我儿子吃了太多药',
    vi: 'Con trai tôi uống quá liều thuốc',
  },
  heart_attack_signs: {
    en: "I have chest pain and I'm sweating a lot",
    es: 'Tengo dolor en el pecho y estoy sudando mucho',
    fr: "J'ai une douleur dans la poitrine et je transpire beaucoup",
    pt: 'Estou com dor no peito e suando muito',
    zh: '我胸口痛，还一直出冷汗',
    vi: 'Tôi bị đau ngực và vã mồ hôi',
  },
  stroke_signs: {
    en: "My dad's face is drooping on one side and his speech is slurred",
    es: 'Mi padre tiene la boca torcida y habla arrastrada',
    fr: 'Mon père a la bouche de travers et une parole pâteuse',
    pt: 'Meu pai está com a boca torta e fala enrolada',
    zh: '我爸爸嘴歪了，说话含糊',
    vi: 'Bố tôi bị méo miệng và nói ngọng',
  },
  severe_breathing_difficulty: {
    en: "I can't breathe and my lips are turning blue",
    es: 'No puedo respirar y tengo los labios morados',
    fr: "Je n'arrive pas à respirer et mes lèvres sont bleues",
    pt: 'Não consigo respirar e os lábios estão roxos',
    zh: '我喘不上气，嘴唇发紫',
    vi: 'Tôi không thở được, môi tím tái',
  },
  anaphylaxis: {
    en: 'I ate peanuts and now my throat feels tight and my lips are swelling',
    es: 'Comí cacahuetes y se me cierra la garganta',
    fr: "J'ai mangé des cacahuètes et ma gorge se ferme",
    pt: 'Comi amendoim e a garganta está fechando',
    zh: '吃了花生，喉咙发紧，嘴唇肿了',
    vi: 'Ăn đậu phộng xong cổ họng thắt lại và sưng môi',
  },
  severe_bleeding: {
    en: "I cut my arm and it won't stop bleeding",
    es: 'Me corté y no para de sangrar',
    fr: "Je me suis coupé et ça n'arrête pas de saigner",
    pt: 'Me cortei e não para de sangrar',
    zh: '割伤了，血流不止',
    vi: 'Bị đứt tay, máu chảy không ngừng',
  },
  vomiting_blood: {
    en: "I've been vomiting blood",
    es: 'Estoy vomitando sangre',
    fr: 'Je vomis du sang',
    pt: 'Estou vomitando sangue',
    zh: '我吐血了',
    vi: 'Tôi bị nôn ra máu',
  },
  unconscious_collapse: {
    en: 'My grandmother collapsed and is unresponsive',
    es: 'Mi abuela se desplomó y no responde',
    fr: "Ma grand-mère s'est effondrée et ne répond pas",
    pt: 'Minha avó desabou e não responde',
    zh: '我奶奶昏倒了，叫不醒',
    vi: 'Bà tôi ngã gục và không phản ứng',
  },
  seizure: {
    en: 'My daughter is having a seizure',
    es: 'Mi hija está teniendo convulsiones',
    fr: "Ma fille fait une crise d'épilepsie",
    pt: 'Minha filha está tendo uma convulsão',
    zh: '我女儿在抽搐',
    vi: 'Con gái tôi đang co giật',
  },
  sepsis_signs: {
    en: "He has a fever and he's confused and not making sense",
    es: 'Tiene fiebre y está muy confuso',
    fr: 'Il a de la fièvre et il est très confus',
    pt: 'Ele está com febre e muito confuso',
    zh: '他发烧，而且神志不清',
    vi: 'Anh ấy sốt và lú lẫn',
  },
  meningitis_signs: {
    en: 'High fever and a stiff neck',
    es: 'Fiebre alta y rigidez de nuca',
    fr: 'Forte fièvre et nuque raide',
    pt: 'Febre alta e pescoço rígido',
    zh: '高烧，脖子僵硬',
    vi: 'Sốt cao và cứng cổ',
  },
  pregnancy_emergency: {
    en: "I'm 30 weeks pregnant and the baby has stopped moving",
    es: 'Estoy embarazada de 30 semanas y el bebé no se mueve',
    fr: 'Je suis enceinte de 30 semaines et le bébé ne bouge plus',
    pt: 'Estou grávida de 30 semanas e o bebê parou de mexer',
    zh: '我怀孕30周，感觉不到胎动',
    vi: 'Tôi mang thai 30 tuần và thai không máy',
  },
  infant_danger_signs: {
    en: 'My 6 week old baby has a temperature of 38.5',
    es: 'Mi bebé de 6 semanas tiene fiebre de 38,5',
    fr: 'Mon bébé de 6 semaines a 38,5 de fièvre',
    pt: 'Meu bebê de 6 semanas está com febre de 38,5',
    zh: '我的宝宝6周大，发烧38.5度',
    vi: 'Bé nhà tôi 6 tuần tuổi, sốt 38,5 độ',
  },
  thunderclap_headache: {
    en: 'Suddenly the worst headache of my life',
    es: 'De repente el peor dolor de cabeza de mi vida',
    fr: 'Soudain le pire mal de tête de ma vie',
    pt: 'De repente a pior dor de cabeça da minha vida',
    zh: '突然出现这辈子最痛的头痛',
    vi: 'Đột ngột đau đầu dữ dội nhất từ trước đến giờ',
  },
  testicular_torsion_signs: {
    en: 'Sudden severe pain in my testicle',
    es: 'Dolor repentino e intenso en un testículo',
    fr: 'Douleur brutale au testicule',
    pt: 'Dor súbita e forte no testículo',
    zh: '睾丸突然剧痛',
    vi: 'Đau tinh hoàn đột ngột',
  },
  severe_abdominal_pain: {
    en: 'Unbearable stomach pain that came on suddenly',
    es: 'Dolor de barriga insoportable de repente',
    fr: "Douleur au ventre insupportable d'un coup",
    pt: 'Dor de barriga insuportável de repente',
    zh: '肚子痛得受不了',
    vi: 'Đau bụng không chịu nổi',
  },
  head_injury_danger: {
    en: 'My mum hit her head and she takes warfarin',
    es: 'Mi madre se dio un golpe en la cabeza y toma Sintrom',
    fr: "Ma mère s'est cogné la tête et prend un anticoagulant",
    pt: 'Minha mãe bateu a cabeça e toma varfarina',
    zh: '我妈妈摔到头了，她在吃华法林',
    vi: 'Mẹ tôi bị ngã đập đầu và đang uống thuốc chống đông',
  },
  pulmonary_embolism_signs: {
    en: 'Suddenly very short of breath and coughing up blood',
    es: 'De repente me falta el aire y toso sangre',
    fr: 'Je suis soudain très essoufflé et je crache du sang',
    pt: 'De repente fiquei com falta de ar e tossindo sangue',
    zh: '突然呼吸困难，还咳血',
    vi: 'Đột ngột khó thở và ho ra máu',
  },
  cauda_equina_signs: {
    en: "Bad back pain and I can't control my bladder",
    es: 'Dolor de espalda y no controlo la orina',
    fr: 'Mal au dos et je ne contrôle plus ma vessie',
    pt: 'Dor nas costas e perdi o controle da urina',
    zh: '腰痛，大小便失禁',
    vi: 'Đau lưng và tiểu không tự chủ',
  },
  command_hallucinations: {
    en: 'the voices are telling me to hurt myself',
    es: 'las voces me dicen que me mate',
    fr: 'les voix me disent de me tuer',
    pt: 'as vozes mandam eu me machucar',
    zh: '有个声音一直叫我去死',
    vi: 'có giọng nói bảo tôi phải giết mình',
  },
  penetrating_injury: {
    en: 'I got stabbed in a fight, it is only a small cut',
    es: 'me dieron una puñalada en la pelea, es un corte pequeño',
    fr: "j'ai reçu un coup de couteau dans le ventre",
    pt: 'levei uma facada na barriga, sangra pouco',
    zh: '打架时被捅了一刀，伤口不大',
    vi: 'tôi bị dao đâm vào bụng, vết nhỏ thôi',
  },
  labour_imminent: {
    en: "she's 38 weeks and says she has to push, I can see the head",
    es: 'está de 39 semanas y dice que tiene que empujar',
    fr: 'elle est à terme et dit qu’elle doit pousser',
    pt: 'ela está de 39 semanas e diz que tem que empurrar',
    zh: '老婆怀孕39周，说忍不住用力，好像看到头了',
    vi: 'vợ tôi 39 tuần, nói buồn rặn lắm',
  },
  cannot_swallow_saliva: {
    en: "my son is dribbling everywhere, he can't swallow his own spit",
    es: 'mi hija no puede tragar ni la saliva y babea',
    fr: "il bave, il n'arrive pas à avaler sa salive",
    pt: 'meu filho não consegue engolir a saliva',
    zh: '孩子连口水都咽不下',
    vi: 'con tôi không nuốt được nước bọt',
  },
  diabetic_ketoacidosis: {
    en: "I'm type 1 diabetic, my blood sugar is really high and I keep vomiting",
    es: 'Soy diabético, tengo el azúcar muy alto y no paro de vomitar',
    fr: "Je suis diabétique, ma glycémie est très élevée et je vomis",
    pt: 'Sou diabético, a glicemia está muito alta e estou vomitando',
    zh: '我有糖尿病，血糖很高，一直呕吐',
    vi: 'Tôi bị tiểu đường, đường huyết cao và nôn nhiều',
  },
  eye_chemical_injury: {
    en: 'I splashed bleach in my eye while cleaning',
    es: 'Me ha saltado lejía al ojo limpiando',
    fr: "J'ai reçu de l'eau de javel dans l'œil",
    pt: 'Caiu água sanitária no meu olho',
    zh: '打扫时漂白剂溅到眼睛里了',
    vi: 'Tôi bị hóa chất bắn vào mắt',
  },
  severe_hypoglycaemia: {
    en: 'My husband is diabetic and he is very confused and sweaty',
    es: 'Mi marido es diabético y está muy confundido',
    fr: 'Mon mari est diabétique et il est très confus',
    pt: 'Meu marido é diabético e está muito confuso',
    zh: '我丈夫有糖尿病，现在意识混乱',
    vi: 'Chồng tôi bị tiểu đường và đang lú lẫn',
  },
  carbon_monoxide: {
    en: 'The whole family has a headache and feels dizzy since we lit the gas heater',
    es: 'Toda la familia tiene dolor de cabeza y mareo desde que encendimos la estufa',
    fr: 'Toute la famille a mal à la tête et des vertiges depuis qu on a allumé la chaudière',
    pt: 'Toda a família está com dor de cabeça e tontura desde que ligamos o aquecedor',
    zh: '全家人都头痛头晕，自从开了煤炉以后',
    vi: 'Cả nhà đều bị đau đầu và chóng mặt từ khi đốt bếp than',
  },
};

const cases = Object.entries(PHRASES).flatMap(([flag, byLang]) =>
  (Object.entries(byLang) as Array<[Language, string]>).map(([lang, text]) => ({ flag, lang, text })),
);

describe('emergency gate: every red flag in every language', () => {
  it('has a phrase table for every red flag in the data', () => {
    expect(Object.keys(PHRASES).sort()).toEqual(content.redFlags.map((f) => f.id).sort());
  });

  it.each(cases)('$flag fires in $lang: "$text"', ({ flag, lang, text }) => {
    const hit = checkEmergency(content, text, lang);
    expect(hit).not.toBeNull();
    expect(hit!.reasons.map((r) => r.code)).toContain(`redflag.${flag}`);
    expect(hit!.advice.whatToDo).toContain('{{emergencyNumber}}');
    expect(hit!.reasons.every((r) => r.text.length > 0)).toBe(true);
  });

  it('names the crisis line for suicide risk in every language', () => {
    for (const [lang, text] of Object.entries(PHRASES.suicide_risk!) as Array<[Language, string]>) {
      const hit = checkEmergency(content, text, lang);
      expect(hit?.crisisLine).toBe(true);
      expect(hit?.advice.whatToDo).toContain('{{crisisLine}}');
    }
  });
});

describe('emergency gate: negated mentions do not fire', () => {
  const NEGATED: Array<[Language, string]> = [
    ['en', 'No chest pain, no sweating and no fever or stiff neck'],
    ['en', "I don't have a fever and my neck isn't stiff"],
    ['es', 'No tengo dolor en el pecho ni fiebre'],
    ['fr', 'Pas de douleur dans la poitrine, pas de fièvre'],
    ['pt', 'Sem febre, sem dor no peito, não estou com falta de ar'],
    ['zh', '没有胸痛，也没有发烧'],
    ['vi', 'Không đau ngực, không sốt, không khó thở'],
    ['vi', 'khong dau nguc, khong sot'],
  ];
  it.each(NEGATED)('%s: "%s"', (lang, text) => {
    expect(checkEmergency(content, text, lang)).toBeNull();
  });
});

describe('emergency gate: combines with what was said earlier', () => {
  it('fever said before consent plus a stiff neck now is meningitis', () => {
    const state = observeText(content, newTriageState(), 'he has had a high temperature since this morning', 'en');
    expect(checkEmergency(content, 'now his neck is really stiff', 'en')).toBeNull();
    const hit = checkEmergency(content, 'now his neck is really stiff', 'en', state);
    expect(hit?.redFlagId).toBe('meningitis_signs');
    expect(hit?.reasons[0]?.text).toContain('high temperature');
  });

  it('an age given earlier turns a fever into an infant emergency', () => {
    const state = observeText(content, newTriageState(), 'mi bebé tiene 7 semanas', 'es');
    expect(checkEmergency(content, 'tiene fiebre de 38,2', 'es', state)?.redFlagId).toBe('infant_danger_signs');
  });
});

describe('emergency gate: a named diagnosis in the past is history, not an emergency', () => {
  it.each([
    ['en', 'I had a stroke 3 years ago and now I have a sore throat'],
    ['en', 'my dad had a heart attack in 2019, he has a cough now'],
    ['es', 'Tuve un infarto hace cinco años, ahora tengo tos'],
    ['fr', "J'ai fait un AVC il y a trois ans et j'ai mal au genou"],
    ['pt', 'Tive um AVC há três anos e agora estou com tosse'],
    ['zh', '我三年前中风过，现在咳嗽'],
    ['vi', 'Ba tôi từng bị đột quỵ năm ngoái, giờ bị ho'],
  ] as Array<[Language, string]>)('%s: "%s"', (lang, text) => {
    expect(checkEmergency(content, text, lang)).toBeNull();
  });

  it.each([
    ['en', 'I think my husband is having a stroke'],
    ['es', 'Creo que mi padre está teniendo un ictus'],
    ['zh', '我爸爸好像中风了'],
  ] as Array<[Language, string]>)('still fires for a current one: %s "%s"', (lang, text) => {
    expect(checkEmergency(content, text, lang)).not.toBeNull();
  });
});
