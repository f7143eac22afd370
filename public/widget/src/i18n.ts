// The widget's own words (buttons, labels, states). The conversation itself comes from the bot in
// the patient's language; these only frame it. Right-to-left is decided by the language or the page.
export type UiKey =
  | 'open' | 'title' | 'subtitle' | 'close' | 'inputLabel' | 'placeholder' | 'send' | 'typing' | 'sending'
  | 'offline' | 'retryNow' | 'failed' | 'expired' | 'newChat' | 'choices' | 'you' | 'assistant' | 'staff'
  | 'call' | 'emergency' | 'urgent' | 'routine' | 'self_care' | 'log'
  | 'language' | 'startOver' | 'startOverAsk' | 'startOverYes' | 'cancel' | 'print' | 'printNow' | 'backToChat' | 'date';

type Strings = Record<UiKey, string>;

const en: Strings = {
  open: 'Chat with {clinic}',
  title: '{clinic}',
  subtitle: 'Automated assistant, not a clinician',
  close: 'Close chat',
  inputLabel: 'Your message',
  placeholder: 'Type your message…',
  send: 'Send',
  typing: 'The assistant is typing…',
  sending: 'Sending…',
  offline: 'Cannot reach the clinic. Your message is kept and will be sent when the connection is back.',
  retryNow: 'Try again now',
  failed: 'This message could not be sent.',
  expired: 'This chat has ended.',
  newChat: 'Start a new chat',
  choices: 'Suggested answers',
  you: 'You',
  assistant: 'Assistant',
  staff: 'Clinic staff',
  call: 'Call {number}',
  emergency: 'Emergency',
  urgent: 'Urgent',
  routine: 'Appointment',
  self_care: 'Self-care',
  log: 'Conversation',
  language: 'Language',
  startOver: 'Start over',
  startOverAsk: 'Start a new conversation? This one stays with the clinic.',
  startOverYes: 'Yes, start over',
  cancel: 'Cancel',
  print: 'Print or save',
  printNow: 'Print or save as PDF',
  backToChat: 'Back to the chat',
  date: 'Date',
};

const es: Strings = {
  open: 'Chatear con {clinic}', title: '{clinic}', subtitle: 'Asistente automático, no un profesional sanitario', close: 'Cerrar chat',
  inputLabel: 'Su mensaje', placeholder: 'Escriba su mensaje…', send: 'Enviar', typing: 'El asistente está escribiendo…', sending: 'Enviando…',
  offline: 'No se puede contactar con la clínica. Su mensaje se guarda y se enviará al volver la conexión.', retryNow: 'Reintentar ahora',
  failed: 'No se pudo enviar este mensaje.', expired: 'Este chat ha terminado.', newChat: 'Iniciar un chat nuevo', choices: 'Respuestas sugeridas',
  you: 'Usted', assistant: 'Asistente', staff: 'Personal de la clínica', call: 'Llamar al {number}', emergency: 'Emergencia', urgent: 'Urgente',
  routine: 'Cita', self_care: 'Cuidados en casa', log: 'Conversación',
  language: 'Idioma', startOver: 'Empezar de nuevo', startOverAsk: '¿Empezar una conversación nueva? Esta se queda con la clínica.',
  startOverYes: 'Sí, empezar de nuevo', cancel: 'Cancelar', print: 'Imprimir o guardar', printNow: 'Imprimir o guardar como PDF',
  backToChat: 'Volver al chat', date: 'Fecha',
};

const fr: Strings = {
  open: 'Discuter avec {clinic}', title: '{clinic}', subtitle: 'Assistant automatique, pas un soignant', close: 'Fermer la discussion',
  inputLabel: 'Votre message', placeholder: 'Écrivez votre message…', send: 'Envoyer', typing: "L'assistant écrit…", sending: 'Envoi…',
  offline: 'Impossible de joindre la clinique. Votre message est gardé et sera envoyé au retour de la connexion.', retryNow: 'Réessayer maintenant',
  failed: "Ce message n'a pas pu être envoyé.", expired: 'Cette discussion est terminée.', newChat: 'Nouvelle discussion', choices: 'Réponses proposées',
  you: 'Vous', assistant: 'Assistant', staff: 'Équipe de la clinique', call: 'Appeler le {number}', emergency: 'Urgence vitale', urgent: 'Urgent',
  routine: 'Rendez-vous', self_care: 'Soins à domicile', log: 'Conversation',
  language: 'Langue', startOver: 'Recommencer', startOverAsk: 'Commencer une nouvelle discussion ? Celle-ci reste à la clinique.',
  startOverYes: 'Oui, recommencer', cancel: 'Annuler', print: 'Imprimer ou enregistrer', printNow: 'Imprimer ou enregistrer en PDF',
  backToChat: 'Retour à la discussion', date: 'Date',
};

const pt: Strings = {
  open: 'Conversar com {clinic}', title: '{clinic}', subtitle: 'Assistente automático, não um profissional de saúde', close: 'Fechar conversa',
  inputLabel: 'Sua mensagem', placeholder: 'Escreva sua mensagem…', send: 'Enviar', typing: 'O assistente está escrevendo…', sending: 'Enviando…',
  offline: 'Não foi possível contactar a clínica. Sua mensagem foi guardada e será enviada quando a conexão voltar.', retryNow: 'Tentar agora',
  failed: 'Não foi possível enviar esta mensagem.', expired: 'Esta conversa terminou.', newChat: 'Iniciar nova conversa', choices: 'Respostas sugeridas',
  you: 'Você', assistant: 'Assistente', staff: 'Equipe da clínica', call: 'Ligar para {number}', emergency: 'Emergência', urgent: 'Urgente',
  routine: 'Consulta', self_care: 'Cuidados em casa', log: 'Conversa',
  language: 'Idioma', startOver: 'Recomeçar', startOverAsk: 'Começar uma nova conversa? Esta fica com a clínica.',
  startOverYes: 'Sim, recomeçar', cancel: 'Cancelar', print: 'Imprimir ou guardar', printNow: 'Imprimir ou guardar como PDF',
  backToChat: 'Voltar à conversa', date: 'Data',
};

const zh: Strings = {
  open: '与{clinic}聊天', title: '{clinic}', subtitle: '自动助手，不是医护人员', close: '关闭聊天', inputLabel: '您的消息', placeholder: '输入您的消息…',
  send: '发送', typing: '助手正在输入…', sending: '正在发送…', offline: '无法连接诊所。您的消息已保存，连接恢复后将发送。', retryNow: '立即重试',
  failed: '此消息无法发送。', expired: '此聊天已结束。', newChat: '开始新的聊天', choices: '建议的回答', you: '您', assistant: '助手', staff: '诊所工作人员',
  call: '拨打 {number}', emergency: '紧急', urgent: '尽快就医', routine: '预约', self_care: '居家护理', log: '对话',
  language: '语言', startOver: '重新开始', startOverAsk: '开始新的对话？当前对话会保留给诊所。', startOverYes: '是，重新开始', cancel: '取消',
  print: '打印或保存', printNow: '打印或保存为 PDF', backToChat: '返回聊天', date: '日期',
};

const vi: Strings = {
  open: 'Trò chuyện với {clinic}', title: '{clinic}', subtitle: 'Trợ lý tự động, không phải nhân viên y tế', close: 'Đóng trò chuyện',
  inputLabel: 'Tin nhắn của bạn', placeholder: 'Nhập tin nhắn…', send: 'Gửi', typing: 'Trợ lý đang nhập…', sending: 'Đang gửi…',
  offline: 'Không kết nối được với phòng khám. Tin nhắn của bạn được giữ lại và sẽ gửi khi có kết nối.', retryNow: 'Thử lại ngay',
  failed: 'Không gửi được tin nhắn này.', expired: 'Cuộc trò chuyện đã kết thúc.', newChat: 'Bắt đầu cuộc trò chuyện mới', choices: 'Câu trả lời gợi ý',
  you: 'Bạn', assistant: 'Trợ lý', staff: 'Nhân viên phòng khám', call: 'Gọi {number}', emergency: 'Cấp cứu', urgent: 'Khẩn', routine: 'Lịch hẹn',
  self_care: 'Tự chăm sóc', log: 'Cuộc trò chuyện',
  language: 'Ngôn ngữ', startOver: 'Bắt đầu lại', startOverAsk: 'Bắt đầu cuộc trò chuyện mới? Cuộc trò chuyện này vẫn được lưu cho phòng khám.',
  startOverYes: 'Có, bắt đầu lại', cancel: 'Hủy', print: 'In hoặc lưu', printNow: 'In hoặc lưu thành PDF', backToChat: 'Quay lại trò chuyện', date: 'Ngày',
};

const TABLES = { en, es, fr, pt, zh, vi };
type Lang = keyof typeof TABLES;

// Each language named in itself, for the language menu; typed by the tables, so a new table
// without its name (or a name without its table) does not compile.
const NAMES: Record<Lang, string> = { en: 'English', es: 'Español', fr: 'Français', pt: 'Português', zh: '中文', vi: 'Tiếng Việt' };

/** The languages the widget speaks, in menu order. */
export const LANGUAGES: ReadonlyArray<{ code: string; name: string }> = Object.entries(NAMES).map(([code, name]) => ({ code, name }));

/** The widget's language for a BCP 47 locale ("es-MX" → "es"), or undefined when it has none for it. */
export function supportedLanguage(locale: string | undefined): Lang | undefined {
  const lang = locale?.slice(0, 2).toLowerCase();
  return lang && Object.prototype.hasOwnProperty.call(TABLES, lang) ? (lang as Lang) : undefined;
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug']);

export function isRtl(lang: string): boolean {
  return RTL.has(lang);
}

export type Translate = (key: UiKey, vars?: Record<string, string>) => string;

/** The widget's words in a language (a locale such as "es-MX" will do); English when it has none. */
export function translator(locale: string | undefined): Translate {
  const lang = supportedLanguage(locale);
  const table: Strings = lang ? TABLES[lang] : en;
  return (key, vars = {}) => table[key].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
