import type { Domain } from "../choices.ts";

/**
 * Which department is in charge of each domain (DOMAIN §6, "谁主管、谁负责") until the coordinator pushes a sheet of
 * their own; that sheet replaces this map whole. 其他 has no department: such a case goes by its place.
 */
export const DEFAULT_DOMAIN_DEPARTMENTS: Readonly<Partial<Record<Domain, string>>> = Object.freeze({
  教育: "区教育局",
  医疗卫生: "区卫健局",
  物业纠纷: "区住建局",
  征地拆迁: "区自然资源局",
  劳动人事争议: "区人社局",
  交通事故: "交警大队",
  环境保护: "区生态环境局",
  物价纠纷: "区市场监督管理局",
  知识产权: "区市场监督管理局",
  文化旅游: "区文体旅游局",
  城市管理: "区城市管理局",
  海洋渔业: "区海洋与渔业局",
  民族宗教: "区民族与宗教事务局",
});

/** The map routing uses: the coordinator's own when one was pushed, the default otherwise (never merged). */
export function domainDepartments(pushed: Readonly<Partial<Record<Domain, string>>> | null | undefined): Readonly<Partial<Record<Domain, string>>> {
  return pushed ?? DEFAULT_DOMAIN_DEPARTMENTS;
}
